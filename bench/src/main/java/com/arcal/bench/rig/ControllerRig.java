package com.arcal.bench.rig;

import com.arcal.controller.azure.ArmBudgetPolicy;
import com.arcal.controller.azure.ArmClients;
import com.arcal.controller.azure.AzureContainerApps;
import com.arcal.controller.azure.EnvironmentFleet;
import com.arcal.controller.azure.EnvironmentId;
import com.arcal.controller.budget.ArmBudget;
import com.arcal.controller.budget.BudgetSettings;
import com.arcal.controller.endpoint.BuyerUrls;
import com.arcal.controller.endpoint.EngineEndpoints;
import com.arcal.controller.endpoint.HostsFile;
import com.arcal.controller.engine.GrpcEngineClient;
import com.arcal.controller.metrics.ControllerMetrics;
import com.arcal.controller.placement.EnvironmentCapacity;
import com.arcal.controller.reconcile.ControllerSettings;
import com.arcal.controller.reconcile.HealthWatches;
import com.arcal.controller.ControllerWiring;
import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.SaleDefaults;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.SaleStatus;
import com.arcal.controller.status.StatusBoard;
import com.arcal.controller.store.DesiredStateStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Semaphore;

/**
 * One controller wired as the orchestrator wires it (real Azure SDK over HTTPS behind the shared
 * ARM budget with {@link BudgetSettings#defaults()}, gRPC engine client, local endpoints), but
 * with the bench's store and a counting engine client. Closing it leaves the store and the ARM
 * site alone, so a second controller can take over the same fleet.
 */
public final class ControllerRig implements AutoCloseable {
  public static final AppNaming NAMING = new AppNaming("sale-");
  public static final String FLEET = "bench";
  /** The orchestrator's defaults (ARCAL_POLL_MILLIS, its engine healing delays). */
  static final Duration POLL = Duration.ofMillis(250);

  private final CountingEngineClient engines;
  private final ControllerWiring.Parts parts;
  private final List<ArmBudget> budgets;
  private final ControllerMetrics metrics;
  private final ArmCalls armCalls;

  private ControllerRig(
      CountingEngineClient engines,
      ControllerWiring.Parts parts,
      List<ArmBudget> budgets,
      ControllerMetrics metrics,
      ArmCalls armCalls) {
    this.engines = engines;
    this.parts = parts;
    this.budgets = List.copyOf(budgets);
    this.metrics = metrics;
    this.armCalls = armCalls;
  }

  /** Builds and starts a controller (its first LIST happens here). */
  public static ControllerRig start(ArmSite site, DesiredStateStore store, Duration resyncPeriod) {
    Clock clock = Clock.systemUTC();
    ControllerMetrics metrics = new ControllerMetrics(new SimpleMeterRegistry());
    ArmBudget budget = new ArmBudget(BudgetSettings.defaults(), clock);
    ArmCalls armCalls = new ArmCalls(metrics);
    var manager =
        ArmClients.manager(
            site.connection(),
            site.target(),
            List.of(new ArmBudgetPolicy(budget, ArmBudgetPolicy.DEFAULT_MAX_WAIT, armCalls)));
    CountingEngineClient engines = engines(site);
    ControllerWiring.Parts parts =
        ControllerWiring.builder(
                store, new AzureContainerApps(manager, site.target()), engines,
                new EngineEndpoints(BuyerUrls.local(new HostsFile(site.hostsFile()))), settings(resyncPeriod))
            .metrics(metrics)
            .clock(clock)
            .random(new Random(7))
            .build();
    parts.controller().start();
    return new ControllerRig(engines, parts, List.of(budget), metrics, armCalls);
  }

  /**
   * A controller over several environments, as the orchestrator wires them ({@link
   * EnvironmentFleet}): one SDK client and one ARM budget per subscription, the placement spreading
   * sales by free cores. Opening reads each environment once; its first LIST happens here.
   */
  public static ControllerRig start(
      ArmSite site, List<EnvironmentId> environments, DesiredStateStore store, Duration resyncPeriod) {
    Clock clock = Clock.systemUTC();
    ControllerMetrics metrics = new ControllerMetrics(new SimpleMeterRegistry());
    ArmCalls armCalls = new ArmCalls(metrics);
    List<ArmBudget> budgets = new ArrayList<>();
    Semaphore waitingRoom = new Semaphore(ArmBudget.SHARED_WAITERS);
    EnvironmentFleet fleet =
        EnvironmentFleet.open(
            site.connection(),
            environments,
            Optional.empty(),
            subscription -> {
              ArmBudget budget = new ArmBudget(BudgetSettings.defaults(), clock, waitingRoom);
              budgets.add(budget);
              return List.of(new ArmBudgetPolicy(budget, ArmBudgetPolicy.DEFAULT_MAX_WAIT, armCalls));
            });
    CountingEngineClient engines = engines(site);
    ControllerWiring.Parts parts =
        ControllerWiring.builder(
                store, fleet.apps(), engines,
                new EngineEndpoints(BuyerUrls.local(new HostsFile(site.hostsFile()))), settings(resyncPeriod))
            .metrics(metrics)
            .clock(clock)
            .random(new Random(7))
            .environments(fleet.ids(), fleet.usages())
            .build();
    parts.controller().start();
    return new ControllerRig(engines, parts, budgets, metrics, armCalls);
  }

  private static CountingEngineClient engines(ArmSite site) {
    HostsFile names = new HostsFile(site.hostsFile());
    return new CountingEngineClient(GrpcEngineClient.resolvingThrough(Duration.ofSeconds(5), names::address));
  }

  private static ControllerSettings settings(Duration resyncPeriod) {
    return ControllerSettings.builder(FLEET, NAMING, new SaleDefaults("arcal/engine:local", "0.5", "1Gi"))
        .resyncPeriod(resyncPeriod)
        .pollInterval(POLL)
        // -Darcal.bench.healthWatchLimit=N: the scale scenario's heap with N watches at most
        .healthWatchLimit(Integer.getInteger("arcal.bench.healthWatchLimit", HealthWatches.DEFAULT_LIMIT))
        .build();
  }

  public StatusBoard board() {
    return parts.board();
  }

  public CountingEngineClient engines() {
    return engines;
  }

  /** Apps the controller's fleet cache knows of. */
  public int knownApps() {
    return parts.observed().apps().size();
  }

  /** Full resyncs completed so far. */
  public long resyncs() {
    return metrics.resyncs();
  }

  /** The ARM requests this controller sent, counted on its side. */
  public ArmCalls armCalls() {
    return armCalls;
  }

  /** The ARM budgets, one per subscription (the first is the default environment's). */
  public List<ArmBudget> budgets() {
    return budgets;
  }

  /** Sales placed on each environment, as the placement counts them. */
  public List<EnvironmentCapacity> capacity() {
    return parts.placement().capacity();
  }

  public boolean running(SaleId id) {
    return board().get(id).map(s -> s.phase() == Phase.RUNNING).orElse(false);
  }

  /** Sales Running at their desired generation, as the board says. */
  public long runningCount() {
    return board().all().stream().map(SaleStatus::phase).filter(Phase.RUNNING::equals).count();
  }

  @Override
  public void close() {
    parts.controller().close();
    engines.close();
  }
}
