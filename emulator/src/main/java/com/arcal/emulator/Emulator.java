package com.arcal.emulator;

import com.arcal.emulator.arm.AppReads;
import com.arcal.emulator.arm.AppRenderer;
import com.arcal.emulator.arm.AppWrites;
import com.arcal.emulator.arm.ArmConfig;
import com.arcal.emulator.arm.ArmRoutes;
import com.arcal.emulator.arm.Environments;
import com.arcal.emulator.arm.EnvironmentsApi;
import com.arcal.emulator.arm.OperationCompleter;
import com.arcal.emulator.arm.OperationStarter;
import com.arcal.emulator.arm.OperationsApi;
import com.arcal.emulator.arm.Recovery;
import com.arcal.emulator.arm.RevisionRenderer;
import com.arcal.emulator.arm.RevisionsApi;
import com.arcal.emulator.fault.FaultInjector;
import com.arcal.emulator.fault.FaultSettings;
import com.arcal.emulator.http.ArmHttpHandler;
import com.arcal.emulator.http.ArmServers;
import com.arcal.emulator.http.Router;
import com.arcal.emulator.http.TlsMaterial;
import com.arcal.emulator.lro.Operation;
import com.arcal.emulator.lro.OperationScheduler;
import com.arcal.emulator.names.EnvironmentHosts;
import com.arcal.emulator.runtime.ContainerRuntime;
import com.arcal.emulator.state.ArmState;
import com.arcal.emulator.state.StateStore;
import com.arcal.emulator.stats.RequestStats;
import com.arcal.emulator.throttle.ArmThrottle;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running emulator: the ARM REST surface over HTTPS (and optionally HTTP), its state, its
 * operation workers, and the container runtime it drives. Owns all of them; {@link #close} stops
 * everything, the runtime included.
 */
public final class Emulator implements AutoCloseable {
  private static final int COMPLETION_THREADS = 16;

  private final EmulatorSettings settings;
  private final ArmServers servers;
  private final TlsMaterial tls;
  private final FaultInjector faults;
  private final RequestStats stats;
  private final ContainerRuntime runtime;
  private final ScheduledExecutorService timer;
  private final ExecutorService workers;
  private final ArmState state;

  private final EnvironmentHosts hosts;

  private Emulator(
      EmulatorSettings settings,
      ArmServers servers,
      TlsMaterial tls,
      FaultInjector faults,
      RequestStats stats,
      ContainerRuntime runtime,
      ScheduledExecutorService timer,
      ExecutorService workers,
      ArmState state,
      EnvironmentHosts hosts) {
    this.hosts = hosts;
    this.settings = settings;
    this.servers = servers;
    this.tls = tls;
    this.faults = faults;
    this.stats = stats;
    this.runtime = runtime;
    this.timer = timer;
    this.workers = workers;
    this.state = state;
  }

  /** Starts an emulator on the system clock; the emulator owns {@code runtime} from now on. */
  public static Emulator start(EmulatorSettings settings, ContainerRuntime runtime) {
    return start(settings, runtime, Clock.systemUTC());
  }

  /**
   * Starts an emulator whose operations, throttling and certificates follow {@code clock}: reloads
   * its state, re-runs the apps it knows, resumes operations in flight, then listens.
   */
  public static Emulator start(EmulatorSettings settings, ContainerRuntime runtime, Clock clock) {
    createDirectories(settings.dataDir());
    TlsMaterial tls = TlsMaterial.loadOrCreate(settings.dataDir(), clock);
    ArmState state = ArmState.load(new StateStore(settings.dataDir()), clock);
    Environments environments =
        new Environments(
            settings.resourceGroups(),
            settings.environments(),
            settings.location(),
            settings.consumptionOnlyGroups(),
            settings.environmentCores());
    EnvironmentHosts hosts =
        new EnvironmentHosts(
            settings.dataDir(), environments::defaultDomainOf, environments.defaultDomains());
    state.watchAddresses(hosts);
    ScheduledExecutorService timer =
        Executors.newScheduledThreadPool(
            2, new ThreadFactoryBuilder().setNameFormat("arm-timer-%d").setDaemon(true).build());
    ExecutorService workers =
        Executors.newFixedThreadPool(
            COMPLETION_THREADS,
            new ThreadFactoryBuilder().setNameFormat("arm-lro-%d").setDaemon(true).build());
    try {
      ArmConfig config =
          new ArmConfig(
              settings.resourceGroups(),
              settings.location(),
              settings.pageSize(),
              settings.provisioningDelay(),
              settings.deletionDelay(),
              11);
      OperationCompleter completer = new OperationCompleter(state, runtime, config.keepRevisions());
      OperationScheduler scheduler =
          new OperationScheduler(
              clock,
              timer,
              ArmConfig.CONTAINER_START_LEAD,
              id -> submit(workers, () -> completer.startContainer(id)),
              id -> submit(workers, () -> completer.complete(id)));
      AppRenderer renderer = new AppRenderer(environments);
      Router router =
          ArmRoutes.build(
              new AppReads(state, environments, renderer, settings.pageSize()),
              new AppWrites(
                  state,
                  environments,
                  new OperationStarter(config, new SplittableRandom(), runtime.bindsAppPorts()),
                  scheduler,
                  renderer,
                  config),
              new RevisionsApi(state, environments, runtime, new RevisionRenderer(environments)),
              new OperationsApi(state, renderer, config),
              new EnvironmentsApi(environments, state));
      FaultInjector faults = new FaultInjector(FaultSettings.none());
      RequestStats stats = new RequestStats();
      ArmHttpHandler handler =
          new ArmHttpHandler(
              router, new ArmThrottle(clock, settings.throttle()), faults, stats, timer);
      new Recovery(state, runtime, scheduler).resume();
      ArmServers servers =
          ArmServers.start(
              settings.host(),
              settings.httpsPort(),
              settings.httpPort(),
              tls.sslContext(),
              handler,
              settings.httpThreads());
      return new Emulator(
          settings, servers, tls, faults, stats, runtime, timer, workers, state, hosts);
    } catch (RuntimeException | Error e) {
      timer.shutdownNow();
      workers.shutdownNow();
      runtime.close();
      throw e;
    }
  }

  /**
   * The hosts-format file naming every app's address, wherever it runs: this machine's view, for
   * the local platform. Azure has no such view (see {@link #hostsFile(String)}).
   */
  public Path hostsFile() {
    return hosts.file();
  }

  /**
   * The hosts-format file naming the apps of the environment whose default domain is {@code
   * domain}: the names a container running in it resolves (the value of its
   * CONTAINER_APP_ENV_DNS_SUFFIX), as Azure resolves app names only inside their environment.
   */
  public Path hostsFile(String domain) {
    return hosts.file(domain);
  }

  /** {@code https://127.0.0.1:<port>}: the ARM endpoint to give the SDK. */
  public String httpsBaseUrl() {
    return servers.httpsBaseUrl();
  }

  /** The plain HTTP endpoint, if enabled. */
  public Optional<String> httpBaseUrl() {
    return servers.httpBaseUrl();
  }

  /** The PEM file of the self-signed certificate clients must trust. */
  public Path certificatePemPath() {
    return tls.certificatePem();
  }

  /** Fault injection, adjustable while running. */
  public FaultInjector faults() {
    return faults;
  }

  public RequestStats stats() {
    return stats;
  }

  public ContainerRuntime runtime() {
    return runtime;
  }

  public EmulatorSettings settings() {
    return settings;
  }

  /** The operations ARM still reports (completed ones for an hour), for observers such as the bench. */
  public List<Operation> operations() {
    return state.transact(ArmState.Tx::operations);
  }

  /**
   * Stops listening, stops the operation workers, then closes the runtime (stopping every replica).
   */
  @Override
  public void close() {
    servers.close();
    timer.shutdownNow();
    workers.shutdownNow();
    try {
      workers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    runtime.close();
  }

  private static void submit(ExecutorService workers, Runnable task) {
    try {
      workers.execute(task);
    } catch (RejectedExecutionException e) {
      // Closing: the operation stays in progress in the state file and resumes on the next start.
    }
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data folder " + dir, e);
    }
  }
}
