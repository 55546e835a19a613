package com.arcal.api;

import com.arcal.api.config.Settings;
import com.arcal.api.http.Backend;
import com.arcal.api.platform.Platform;
import com.arcal.api.platform.PlatformFactory;
import com.arcal.controller.blob.BlobConnection;
import com.arcal.controller.heal.HealSettings;
import com.arcal.controller.leader.BlobLeaseElector;
import com.arcal.controller.leader.LeaderElector;
import com.arcal.controller.metrics.ControllerMetrics;
import com.arcal.controller.reconcile.ControllerSettings;
import com.arcal.controller.ControllerWiring;
import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.SaleDefaults;
import com.arcal.controller.store.BlobDesiredStateStore;
import com.arcal.controller.store.DesiredStateStore;
import com.arcal.controller.store.FileDesiredStateStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole orchestrator in one object, and the owner of every lifecycle: desired-state store,
 * platform (embedded emulator or Azure adapter), engine client, controller and REST server.
 * Started by {@link Main}, and by tests that run a complete orchestrator in the JVM.
 *
 * <p>Closing stops in the reverse order of dependence: the server stops accepting, in-flight
 * reconcile passes finish, the engine channels close, the store closes, and the local platform's
 * emulator stops its engines. Nothing in Azure is touched.
 */
public final class Orchestrator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Orchestrator.class);

  private final Deque<AutoCloseable> toClose;
  private final Backend backend;
  private final ApiServer server;
  private final Platform platform;
  private final Settings settings;
  private boolean closed;

  private Orchestrator(
      Deque<AutoCloseable> toClose, Backend backend, ApiServer server, Platform platform,
      Settings settings) {
    this.toClose = toClose;
    this.backend = backend;
    this.server = server;
    this.platform = platform;
    this.settings = settings;
  }

  /** The real thing: the platform named by the settings, the system clock. */
  public static Orchestrator start(Settings settings) {
    return start(settings, PlatformFactory.fromSettings(), Clock.systemUTC());
  }

  public static Orchestrator start(Settings settings, PlatformFactory platforms, Clock clock) {
    Deque<AutoCloseable> opened = new ArrayDeque<>();
    try {
      Settings.Reconcile reconcile = settings.reconcile();
      AppNaming naming = reconcile.naming();
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      opened.push(registry::close);
      ControllerMetrics metrics = new ControllerMetrics(registry);
      Platform platform = platforms.open(settings, metrics, clock);
      opened.push(platform.infrastructure());
      Settings.Ha ha = settings.ha();
      Optional<BlobConnection> blobs =
          ha.enabled()
              ? Optional.of(
                  ha.storageConnectionString()
                      .map(BlobConnection::connectionString)
                      .orElseGet(BlobConnection::defaultCredential))
              : Optional.empty();
      DesiredStateStore store =
          blobs.isPresent()
              ? BlobDesiredStateStore.open(
                  blobs.get(), ha.stateBlobUrl().orElseThrow(), naming, clock, ha.blobPoll())
              : new FileDesiredStateStore(
                  reconcile.stateFile(), naming, clock, FileDesiredStateStore.DEFAULT_POLL_INTERVAL);
      opened.push(store);
      opened.push(platform.engines());
      // Closed after the controller (pushed before it): stop reconciling, then release the lease.
      Optional<LeaderElector> elector =
          blobs.map(b -> BlobLeaseElector.open(b, ha.lockBlobUrl(), ha.lease()));
      elector.ifPresent(opened::push);
      SaleDefaults defaults = reconcile.defaults();
      ControllerWiring.Builder wiring =
          ControllerWiring.builder(
                  store, platform.apps(), platform.engines(), platform.endpoints(),
                  ControllerSettings.builder(reconcile.managedBy(), naming, defaults)
                      .workers(reconcile.workers())
                      .resyncPeriod(reconcile.resync())
                      .pollInterval(reconcile.pollInterval())
                      .engineHealing(settings.heal().restartAfter(), settings.heal().recreateAfter())
                      .rollout(reconcile.rollout())
                      .healthWatchLimit(reconcile.healthWatchLimit())
                      .build())
              .healing(HealSettings.defaults().withBudget(settings.heal().budget(), settings.heal().window()))
              .metrics(metrics)
              .clock(clock)
              .warmPool(reconcile.warmPoolSize());
      elector.ifPresent(wiring::elector);
      platform.environments().ifPresent(envs -> wiring.environments(envs.ids(), envs.closed(), envs.usages()));
      ControllerWiring.Parts parts = wiring.build();
      opened.push(parts.controller());
      parts.controller().start();
      elector.ifPresent(LeaderElector::start);
      Backend backend = new Backend(store, parts, naming, registry, elector);
      ApiServer server = ApiServer.start(settings.http(), backend, defaults);
      opened.push(server);
      return new Orchestrator(opened, backend, server, platform, settings);
    } catch (RuntimeException | Error e) {
      closeAll(opened);
      throw e;
    }
  }

  /** {@code http://host:port}, with the port actually bound. */
  public String url() {
    String host = settings.http().host();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port();
  }

  public int port() {
    return server.port();
  }

  public Backend backend() {
    return backend;
  }

  public ApiServer server() {
    return server;
  }

  public String platformDescription() {
    return platform.description();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    log.info("stopping: HTTP, then in-flight reconciles, engine channels, store, platform");
    closeAll(toClose);
  }

  private static void closeAll(Deque<AutoCloseable> opened) {
    while (!opened.isEmpty()) {
      AutoCloseable next = opened.pop();
      try {
        next.close();
      } catch (Exception e) {
        log.warn("closing {} failed: {}", next, e.toString());
      }
    }
  }
}
