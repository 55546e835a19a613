package com.arcal.bench.scenario;

import com.arcal.bench.report.Figure;
import com.arcal.bench.rig.ControllerRig;
import com.arcal.bench.rig.CountingEngineClient;
import com.arcal.bench.rig.EmulatedArm;
import com.arcal.bench.rig.Progress;
import com.arcal.bench.rig.Waits;
import com.arcal.controller.ControllerWiring;
import com.arcal.controller.azure.ArmBudgetPolicy;
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
import com.arcal.controller.sale.SaleDefaults;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.SaleStatus;
import com.arcal.controller.store.InMemoryDesiredStateStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Cold convergence over K subscriptions: N sales written at once, K environments, one per
 * subscription (each in its own resource group), the placement spreading the sales by free cores.
 * ARM throttles each subscription on its own ("Throttling Resource Manager requests": the buckets
 * are per subscription and region; the emulator enforces them so) and the controller keeps one
 * ARM budget per subscription, so each subscription takes its share at its own write rate:
 * {@code bound = max(0, ceil(N/K) - 200) / 10 s + L}, against one subscription's
 * {@code max(0, N - 200) / 10 s + L}.
 */
public final class MultiSubscription implements Scenario {
  static final String NAME = "multisub";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void run(BenchContext context) {
    int k = context.options().subscriptions();
    for (int n : context.options().sizes()) {
      converge(context, n, k);
    }
  }

  private static void converge(BenchContext context, int n, int k) {
    context.closeFleet();
    List<String> groups = new ArrayList<>();
    List<EnvironmentId> environments = new ArrayList<>();
    for (int i = 1; i <= k; i++) {
      groups.add("arcal-bench-" + i);
      environments.add(new EnvironmentId(String.format("00000000-0000-0000-0000-%012d", i), "arcal-bench-" + i, "arcal-env"));
    }
    Duration latency = context.options().latency();
    try (EmulatedArm arm = EmulatedArm.start(context.folder("multisub-" + n + "-" + System.nanoTime()), latency, groups);
        Controller controller = new Controller(arm, environments)) {
      List<SaleId> ids = Sales.ids(1, n);
      arm.emulator().stats().reset();
      long start = System.nanoTime();
      controller.store.replace(Sales.specs(ids), controller.store.snapshot().version());
      int perSubscription = (n + k - 1) / k;
      double bound = Math.max(0, perSubscription - 200) / 10.0 + latency.toMillis() / 1000.0;
      double single = Math.max(0, n - 200) / 10.0 + latency.toMillis() / 1000.0;
      long done;
      try (Progress progress = new Progress(System.out, Duration.ofSeconds(1),
          () -> "running " + controller.running() + "/" + n + ", ARM " + ArmCounts.byType(arm))) {
        done = Waits.until("N=" + n + " sales Running over " + k + " subscriptions",
            () -> controller.running() == n, Duration.ofMillis(20), Duration.ofSeconds((long) (bound * 3) + 120));
      }
      double seconds = Waits.seconds(start, done);
      String at = "N=" + n + " K=" + k + " L=" + Math.round(latency.toMillis() / 1000.0) + "s";
      context.add(Figure.info(NAME, at + ": time to all Running", seconds, "s"));
      context.add(Figure.info(NAME, at + ": bound max(0,ceil(N/K)-200)/10+L", bound, "s"));
      context.add(Figure.atMost(NAME, at + ": ratio to bound", seconds / bound, "", 1.05));
      context.add(Figure.info(NAME, at + ": one subscription's bound max(0,N-200)/10+L", single, "s"));
      context.add(Figure.info(NAME, at + ": 429s received", ArmCounts.throttled(arm), ""));
      for (EnvironmentCapacity env : controller.parts.placement().capacity()) {
        context.add(Figure.info(NAME, at + ": sales placed on " + env.environment().resourceGroup(), env.sales(), ""));
      }
    }
  }

  /** A controller over the K environments, as the orchestrator wires several (EnvironmentFleet). */
  private static final class Controller implements AutoCloseable {
    final InMemoryDesiredStateStore store =
        new InMemoryDesiredStateStore(ControllerRig.NAMING, Clock.systemUTC(), false);
    final CountingEngineClient engines;
    final ControllerWiring.Parts parts;

    Controller(EmulatedArm arm, List<EnvironmentId> environments) {
      Clock clock = Clock.systemUTC();
      ControllerMetrics metrics = new ControllerMetrics(new SimpleMeterRegistry());
      EnvironmentFleet fleet =
          EnvironmentFleet.open(
              arm.connection(),
              environments,
              Optional.empty(),
              subscription -> List.of(new ArmBudgetPolicy(
                  new ArmBudget(BudgetSettings.defaults(), clock), ArmBudgetPolicy.DEFAULT_MAX_WAIT, metrics)));
      HostsFile names = new HostsFile(arm.hostsFile());
      engines = new CountingEngineClient(GrpcEngineClient.resolvingThrough(Duration.ofSeconds(5), names::address));
      ControllerSettings settings =
          ControllerSettings.builder(ControllerRig.FLEET, ControllerRig.NAMING, new SaleDefaults("arcal/engine:local", "0.5", "1Gi"))
              .workers(ControllerRig.WORKERS)
              .resyncPeriod(ColdConvergence.RESYNC)
              .pollInterval(Duration.ofMillis(250))
              .build();
      parts =
          ControllerWiring.builder(store, fleet.apps(), engines, new EngineEndpoints(BuyerUrls.local(names)), settings)
              .metrics(metrics)
              .clock(clock)
              .random(new Random(7))
              .environments(fleet.ids(), fleet.usages())
              .build();
      parts.controller().start();
    }

    long running() {
      return parts.board().all().stream().map(SaleStatus::phase).filter(Phase.RUNNING::equals).count();
    }

    @Override
    public void close() {
      parts.controller().close();
      engines.close();
    }
  }
}
