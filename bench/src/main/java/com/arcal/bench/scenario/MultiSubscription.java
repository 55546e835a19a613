package com.arcal.bench.scenario;

import com.arcal.bench.report.Figure;
import com.arcal.bench.rig.ControllerRig;
import com.arcal.bench.rig.EmulatedArm;
import com.arcal.bench.rig.EnvironmentLayout;
import com.arcal.bench.rig.Progress;
import com.arcal.bench.rig.Waits;
import com.arcal.controller.placement.EnvironmentCapacity;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.store.InMemoryDesiredStateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

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
    EnvironmentLayout layout = EnvironmentLayout.spread(k, k);
    Duration latency = context.options().latency();
    InMemoryDesiredStateStore store =
        new InMemoryDesiredStateStore(ControllerRig.NAMING, Clock.systemUTC(), false);
    try (EmulatedArm arm = EmulatedArm.start(
            context.folder("multisub-" + n + "-" + System.nanoTime()), latency, layout.groups());
        ControllerRig controller = ControllerRig.start(arm, layout.environments(), store, ColdConvergence.RESYNC)) {
      List<SaleId> ids = Sales.ids(1, n);
      arm.emulator().stats().reset();
      long start = System.nanoTime();
      store.replace(Sales.specs(ids), store.snapshot().version());
      double bound = ScaleConvergence.bound(layout.largestSubscriptionShare(n), latency);
      double single = ScaleConvergence.bound(n, latency);
      long done;
      try (Progress progress = new Progress(System.out, Duration.ofSeconds(1),
          () -> "running " + controller.runningCount() + "/" + n + ", ARM " + ArmCounts.byType(arm))) {
        done = Waits.until("N=" + n + " sales Running over " + k + " subscriptions",
            () -> controller.runningCount() == n, Duration.ofMillis(20), Duration.ofSeconds((long) (bound * 3) + 120));
      }
      double seconds = Waits.seconds(start, done);
      String at = "N=" + n + " K=" + k + " L=" + Math.round(latency.toMillis() / 1000.0) + "s";
      context.add(Figure.info(NAME, at + ": time to all Running", seconds, "s"));
      context.add(Figure.info(NAME, at + ": bound max(0,ceil(N/K)-200)/10+L", bound, "s"));
      context.add(Figure.atMost(NAME, at + ": ratio to bound", seconds / bound, "", 1.05));
      context.add(Figure.info(NAME, at + ": one subscription's bound max(0,N-200)/10+L", single, "s"));
      context.add(Figure.info(NAME, at + ": 429s received", ArmCounts.throttled(arm), ""));
      for (EnvironmentCapacity env : controller.capacity()) {
        context.add(Figure.info(NAME, at + ": sales placed on " + env.environment().resourceGroup(), env.sales(), ""));
      }
    }
  }
}
