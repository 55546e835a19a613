package com.arcal.controller;

import com.arcal.controller.azure.ContainerAppsPort;
import com.arcal.controller.azure.EnvironmentId;
import com.arcal.controller.azure.EnvironmentUsages;
import com.arcal.controller.endpoint.EngineEndpoints;
import com.arcal.controller.engine.EngineClient;
import com.arcal.controller.heal.HealGate;
import com.arcal.controller.heal.HealSettings;
import com.arcal.controller.leader.LeaderElector;
import com.arcal.controller.metrics.ControllerMetrics;
import com.arcal.controller.placement.CoreLedger;
import com.arcal.controller.placement.Placement;
import com.arcal.controller.placement.Unlimited;
import com.arcal.controller.pool.IdleEngineCheck;
import com.arcal.controller.pool.PoolKeeper;
import com.arcal.controller.pool.PoolMembers;
import com.arcal.controller.pool.PoolNaming;
import com.arcal.controller.pool.PoolSpec;
import com.arcal.controller.pool.WarmPool;
import com.arcal.controller.queue.Backoff;
import com.arcal.controller.queue.RateLimitingWorkQueue;
import com.arcal.controller.reconcile.AppSpecs;
import com.arcal.controller.reconcile.Controller;
import com.arcal.controller.reconcile.ControllerSettings;
import com.arcal.controller.reconcile.DeletionBrake;
import com.arcal.controller.reconcile.EngineConvergence;
import com.arcal.controller.reconcile.FailurePolicy;
import com.arcal.controller.reconcile.FleetPlanner;
import com.arcal.controller.reconcile.HealthWatches;
import com.arcal.controller.reconcile.HeldDeletions;
import com.arcal.controller.reconcile.LeadershipHandoff;
import com.arcal.controller.reconcile.ObservedApps;
import com.arcal.controller.reconcile.Ownership;
import com.arcal.controller.reconcile.Planner;
import com.arcal.controller.reconcile.ReconcileObserver;
import com.arcal.controller.reconcile.RolloutGate;
import com.arcal.controller.reconcile.SaleReconciler;
import com.arcal.controller.reconcile.source.DesiredChanges;
import com.arcal.controller.reconcile.source.InFlightPoll;
import com.arcal.controller.reconcile.source.Resync;
import com.arcal.controller.reconcile.source.Source;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.secret.EngineSecrets;
import com.arcal.controller.status.SaleStatus;
import com.arcal.controller.status.StatusBoard;
import com.arcal.controller.store.DesiredStateStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * Assembles the controller from its seams: the only place that knows every part. The caller
 * keeps ownership of the seams (store, port, engine client, elector) and closes them after the
 * controller.
 */
public final class ControllerWiring {
  /** Where apps go when no environments were given: the tag names this one, nothing counts. */
  private static final EnvironmentId UNPLACED =
      new EnvironmentId("00000000-0000-0000-0000-000000000000", "arcal", "default");

  private ControllerWiring() {}

  /** The assembled parts the API reads from. */
  public record Parts(
      Controller controller,
      StatusBoard board,
      FleetPlanner planner,
      Resync resync,
      HeldDeletions deletions,
      ObservedApps observed,
      HealGate heal,
      Placement placement,
      RolloutGate rollout,
      WarmPool pool) {}

  /** A builder over the four seams and the settings; everything else has a default. */
  public static Builder builder(
      DesiredStateStore store,
      ContainerAppsPort apps,
      EngineClient engines,
      EngineEndpoints endpoints,
      ControllerSettings settings) {
    return new Builder(store, apps, engines, endpoints, settings);
  }

  /** Optional parts, each with its default. */
  public static final class Builder {
    private final DesiredStateStore store;
    private final ContainerAppsPort apps;
    private final EngineClient engines;
    private final EngineEndpoints endpoints;
    private final ControllerSettings settings;
    private Backoff backoff = Backoff.defaults();
    private ControllerMetrics metrics;
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random = new SplittableRandom();
    private Optional<LeaderElector> elector = Optional.empty();
    private HealSettings healing = HealSettings.defaults();
    private List<EnvironmentId> environments = List.of();
    private Map<EnvironmentId, String> closedEnvironments = Map.of();
    private EnvironmentUsages usages;
    private int warmPoolSize;

    private Builder(
        DesiredStateStore store,
        ContainerAppsPort apps,
        EngineClient engines,
        EngineEndpoints endpoints,
        ControllerSettings settings) {
      this.store = store;
      this.apps = apps;
      this.engines = engines;
      this.endpoints = endpoints;
      this.settings = settings;
    }

    public Builder backoff(Backoff backoff) {
      this.backoff = backoff;
      return this;
    }

    /** Where the controller's metrics go; a throwaway registry by default. */
    public Builder metrics(ControllerMetrics metrics) {
      this.metrics = metrics;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder random(RandomGenerator random) {
      this.random = random;
      return this;
    }

    /**
     * Reconcile only while {@code elector} says this replica leads, and resync in full each time
     * it gains leadership; {@code leader_election_master_status} shows the role. The caller starts
     * and closes the elector (close it after the controller). Without one, this replica always
     * leads.
     */
    public Builder elector(LeaderElector elector) {
      this.elector = Optional.of(elector);
      return this;
    }

    /** The disruption budget of heals and the partition detector's thresholds. */
    public Builder healing(HealSettings healing) {
      this.healing = healing;
      return this;
    }

    /**
     * Place new sales on these environments by their free cores ({@code usages} read at start
     * and on every resync); without them, every sale goes to one environment and nothing counts
     * cores.
     */
    public Builder environments(List<EnvironmentId> environments, EnvironmentUsages usages) {
      return environments(environments, Map.of(), usages);
    }

    /**
     * The same, {@code closed} taking no new sales (each with the reason, shown in the capacity
     * and in the waiting sales' message); the sales already there stay.
     */
    public Builder environments(
        List<EnvironmentId> environments, Map<EnvironmentId, String> closed, EnvironmentUsages usages) {
      this.environments = List.copyOf(environments);
      this.closedEnvironments = Map.copyOf(closed);
      this.usages = usages;
      return this;
    }

    /**
     * Keep that many idle engine apps ready for new sales (0, the default: none; resizable at run
     * time through {@link WarmPool#resize}).
     */
    public Builder warmPool(int size) {
      this.warmPoolSize = size;
      return this;
    }

    public Parts build() {
      ControllerMetrics metrics =
          this.metrics != null ? this.metrics : new ControllerMetrics(new SimpleMeterRegistry());
      BooleanSupplier leading = elector.<BooleanSupplier>map(e -> e::isLeader).orElse(() -> true);
      StatusBoard board = new StatusBoard(clock, this::seed);
      ObservedApps observed = new ObservedApps();
      Ownership ownership = new Ownership(settings.managedBy());
      AppSpecs specs = new AppSpecs(settings.naming(), settings.defaults(), ownership);
      Planner planner = new Planner(ownership, specs);
      RateLimitingWorkQueue<SaleId> queue = new RateLimitingWorkQueue<>(backoff, random, metrics);
      Placement placement =
          environments.isEmpty()
              ? new Unlimited(UNPLACED)
              : new CoreLedger(environments, closedEnvironments, usages, queue::add);
      FailurePolicy failures = new FailurePolicy(board, clock);
      HeldDeletions deletions =
          new HeldDeletions(
              new DeletionBrake(settings.brake()), store, observed, ownership, queue::add);
      HealthWatches watches = new HealthWatches(engines, queue::add, settings.healthWatchLimit());
      EngineSecrets secrets = new EngineSecrets(apps::secret);
      HealGate heal =
          new HealGate(
              apps, healing, () -> (int) observed.apps().stream().filter(ownership::owns).count(), clock);
      RolloutGate rollout =
          new RolloutGate(
              store, observed, ownership, specs, board, settings.naming(), settings.rollout(), clock,
              queue::add, settings.pollInterval().multipliedBy(10));
      EngineConvergence engineStep =
          new EngineConvergence(
              engines, secrets, apps, observed, board, watches, heal, settings, clock);
      PoolMembers poolMembers = new PoolMembers(ownership);
      WarmPool pool =
          new WarmPool(
              apps, observed, poolMembers,
              new PoolSpec(specs, settings.defaults(), settings.managedBy()), specs,
              new IdleEngineCheck(engines, endpoints, secrets),
              new PoolNaming(settings.naming(), random), warmPoolSize);
      SaleReconciler reconciler =
          new SaleReconciler(
              store, observed, planner, specs, apps, engines, endpoints, board, watches, deletions,
              rollout, engineStep, secrets, settings, placement, clock, pool);
      // A key waiting for its slot of the ARM budget is coming back anyway: a resync pulling it
      // forward would only be refused again and push it to the back of the budget's queue.
      Resync resync =
          new Resync(
              store, apps, observed, ownership, specs, board, refreshing(placement, metrics), leading,
              id -> {
                if (!failures.deferred(id)) {
                  queue.addLowPriority(id);
                }
              },
              settings.resyncPeriod(), random);
      List<Source> sources =
          List.of(
              new DesiredChanges(store, queue::add),
              resync,
              // High line: a sale whose operation ended is closer to Running than any creation.
              new InFlightPoll(
                  observed, apps, ownership, leading, queue::addHighPriority, settings.pollInterval(),
                  (int) Math.max(1, environments.stream().map(EnvironmentId::subscriptionId).distinct().count())),
              watches,
              new PoolKeeper(
                  pool, poolMembers, apps, observed, deletions, secrets, leading, () -> queue.depth() == 0,
                  settings.pollInterval(), clock));
      Controller controller =
          new Controller(
              queue, reconciler, failures, sources, metrics, settings.workers(), clock, leading);
      elector.ifPresent(e -> e.addListener(new LeadershipHandoff(controller, resync)));
      metrics.bindLeader(leading);
      metrics.bindPool(pool::view);
      metrics.bind(queue::depth, board);
      metrics.bindHealing(heal);
      metrics.bindHealthWatches(watches::size, settings.healthWatchLimit());
      FleetPlanner fleetPlanner = new FleetPlanner(planner, ownership, observed, board, settings, pool);
      metrics.bindCapacity(placement::capacity);
      return new Parts(controller, board, fleetPlanner, resync, deletions, observed, heal, placement, rollout, pool);
    }

    /** Every resync (the first one at start) reads the environments' usage again after its LIST. */
    private static ReconcileObserver refreshing(Placement placement, ControllerMetrics metrics) {
      return new ReconcileObserver() {
        @Override
        public void resynced(int listed) {
          metrics.resynced(listed);
          placement.refresh();
        }
      };
    }

    /** A sale's status before anything is observed: its app name and desired generation. */
    private SaleStatus seed(SaleId id) {
      String appName;
      try {
        appName = settings.naming().appName(id);
      } catch (RuntimeException e) {
        appName = ""; // an id no app can carry: its status says why through lastError
      }
      long generation = store.snapshot().sale(id).map(DesiredSale::generation).orElse(0L);
      return SaleStatus.initial(id, appName, generation, clock.instant());
    }
  }
}
