package com.arcal.controller.metrics;

import com.arcal.controller.azure.ArmBudgetPolicy.ArmCallListener;
import com.arcal.controller.heal.HealGate;
import com.arcal.controller.azure.EnvironmentId;
import com.arcal.controller.placement.EnvironmentCapacity;
import com.arcal.controller.pool.PoolView;
import com.arcal.controller.queue.QueueListener;
import com.arcal.controller.reconcile.ReconcileObserver;
import com.arcal.controller.reconcile.Result;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.SaleStatus;
import com.arcal.controller.status.StatusBoard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/**
 * The controller's metrics, named after controller-runtime's where they fit
 * ({@code controller_runtime_reconcile_total}, {@code workqueue_depth}, ...), plus ARM calls by
 * method and status and sales by phase.
 */
public final class ControllerMetrics implements QueueListener, ReconcileObserver, ArmCallListener {
  private static final String CONTROLLER = "sale";

  private final MeterRegistry registry;
  private final Timer reconcileTime;
  private final Counter adds;
  private final Counter retries;
  private final Timer queueDuration;
  private final Timer workDuration;
  private final Counter resyncs;

  public ControllerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.reconcileTime =
        Timer.builder("controller.runtime.reconcile.time")
            .description("Time of one reconcile pass")
            .tag("controller", CONTROLLER)
            .register(registry);
    this.adds = Counter.builder("workqueue.adds").tag("name", CONTROLLER).register(registry);
    this.retries = Counter.builder("workqueue.retries").tag("name", CONTROLLER).register(registry);
    this.queueDuration =
        Timer.builder("workqueue.queue.duration")
            .description("How long a key waited in the queue before a worker took it")
            .tag("name", CONTROLLER)
            .register(registry);
    this.workDuration =
        Timer.builder("workqueue.work.duration").tag("name", CONTROLLER).register(registry);
    this.resyncs =
        Counter.builder("arcal.resyncs")
            .description("Full resyncs: one paged LIST of the resource group each")
            .register(registry);
  }

  /** Gauges read on scrape: queue depth and sales per phase. */
  public void bind(IntSupplier queueDepth, StatusBoard board) {
    Gauge.builder("workqueue.depth", queueDepth::getAsInt).tag("name", CONTROLLER).register(registry);
    for (Phase phase : Phase.values()) {
      Gauge.builder(
              "arcal.sales",
              board,
              b -> b.all().stream().map(SaleStatus::phase).filter(phase::equals).count())
          .description("Sales by phase")
          .tag("phase", phase.display())
          .register(registry);
    }
  }

  /**
   * Heals: {@code arcal_heals_total{outcome="done",action=...}} and {@code outcome="deferred"};
   * {@code arcal_partition} (1 while the orchestrator is partitioned from its engines) and
   * {@code arcal_engines_unreachable}.
   */
  public void bindHealing(HealGate heal) {
    for (String action : new String[] {"restart revision", "recreate app"}) {
      FunctionCounter.builder("arcal.heals", heal, h -> h.healsDone(action))
          .description("Destructive heals of unreachable engines, done or deferred")
          .tag("outcome", "done")
          .tag("action", action.replace(' ', '_'))
          .register(registry);
    }
    FunctionCounter.builder("arcal.heals", heal, HealGate::healsDeferred)
        .description("Destructive heals of unreachable engines, done or deferred")
        .tag("outcome", "deferred")
        .tag("action", "any")
        .register(registry);
    Gauge.builder("arcal.partition", heal, h -> h.partitioned() ? 1 : 0)
        .description("1 while the orchestrator cannot reach its engines but ARM says they are healthy")
        .register(registry);
    Gauge.builder("arcal.engines.unreachable", heal, HealGate::unreachableEngines)
        .description("Engines that do not answer now, of those that answered once")
        .register(registry);
  }

  /**
   * {@code arcal_health_watches}: engines watched over a live gRPC connection now, and
   * {@code arcal_health_watches_limit}; Running sales past the limit are read at each resync.
   */
  public void bindHealthWatches(IntSupplier open, int limit) {
    Gauge.builder("arcal.health.watches", open::getAsInt)
        .description("Engines whose health is watched over a live gRPC connection")
        .register(registry);
    Gauge.builder("arcal.health.watches.limit", () -> limit)
        .description("Most engines watched at once; the others are read at each resync")
        .register(registry);
  }

  /**
   * {@code arcal_environment_cores_used} and {@code arcal_environment_cores_limit} per managed
   * environment, as the placement counts them (ARM's usage, kept current between resyncs), and
   * {@code arcal_environment_open}: 1 when it takes new sales, 0 when it is closed to them.
   */
  public void bindCapacity(Supplier<List<EnvironmentCapacity>> capacity) {
    for (EnvironmentCapacity env : capacity.get()) {
      EnvironmentId id = env.environment();
      ToDoubleFunction<ToDoubleFunction<EnvironmentCapacity>> read =
          value -> capacity.get().stream()
              .filter(c -> c.environment().equals(id))
              .mapToDouble(value)
              .findFirst()
              .orElse(Double.NaN);
      environmentGauge("arcal.environment.cores.used", id, () -> read.applyAsDouble(EnvironmentCapacity::used))
          .description("Consumption cores used in the managed environment")
          .register(registry);
      environmentGauge("arcal.environment.cores.limit", id, () -> read.applyAsDouble(EnvironmentCapacity::limit))
          .description("Consumption cores limit in the managed environment")
          .register(registry);
      environmentGauge("arcal.environment.open", id, () -> read.applyAsDouble(c -> c.open() ? 1 : 0))
          .description("1 when the managed environment takes new sales, 0 when closed to them")
          .register(registry);
    }
  }

  private static Gauge.Builder<Supplier<Number>> environmentGauge(
      String name, EnvironmentId id, Supplier<Number> value) {
    return Gauge.builder(name, value)
        .tag("environment", id.name())
        .tag("resource_group", id.resourceGroup())
        .tag("subscription", id.subscriptionId());
  }

  /**
   * {@code arcal_pool_apps{state=...}}: the warm pool's apps by state (ready, provisioning, bound,
   * replacing), and {@code arcal_pool_size}: how many ready ones it keeps.
   */
  public void bindPool(Supplier<PoolView> pool) {
    Gauge.builder("arcal.pool.size", () -> pool.get().size())
        .description("Idle engine apps the warm pool keeps ready")
        .register(registry);
    Map<String, ToIntFunction<PoolView>> states = Map.of(
        "ready", PoolView::ready, "provisioning", PoolView::provisioning,
        "bound", PoolView::bound, "replacing", PoolView::replacing);
    states.forEach((state, count) -> Gauge.builder("arcal.pool.apps", () -> count.applyAsInt(pool.get()))
        .description("Warm pool apps by state")
        .tag("state", state)
        .register(registry));
  }

  /**
   * {@code leader_election_master_status{name="arcal"}}: 1 while this replica leads, 0 while it
   * follows (the name client-go's leader election exports).
   */
  public void bindLeader(BooleanSupplier leading) {
    Gauge.builder("leader.election.master.status", () -> leading.getAsBoolean() ? 1 : 0)
        .description("1 while this replica is the leader, else 0")
        .tag("name", "arcal")
        .register(registry);
  }

  @Override
  public void reconciled(Duration took, Result result) {
    reconcileTime.record(took);
    String outcome =
        result.backoff() ? "error" : result.requeueAfter().isPresent() ? "requeue_after" : "success";
    registry.counter("controller.runtime.reconcile", "controller", CONTROLLER, "result", outcome).increment();
  }

  @Override
  public void resynced(int listed) {
    resyncs.increment();
  }

  /** Resyncs completed so far. */
  public long resyncs() {
    return (long) resyncs.count();
  }

  @Override
  public void failed(Duration took, Throwable error) {
    reconcileTime.record(took);
    registry.counter("controller.runtime.reconcile", "controller", CONTROLLER, "result", "error").increment();
    registry.counter("controller.runtime.reconcile.errors", "controller", CONTROLLER).increment();
  }

  @Override
  public void added() {
    adds.increment();
  }

  @Override
  public void retried(Duration backoff) {
    retries.increment();
  }

  @Override
  public void taken(Duration timeInQueue) {
    queueDuration.record(timeInQueue);
  }

  @Override
  public void finished(Duration processing) {
    workDuration.record(processing);
  }

  @Override
  public void answered(String method, int status) {
    registry.counter("arcal.arm.requests", "method", method, "status", Integer.toString(status)).increment();
  }
}
