package com.arcal.bench.scenario;

import com.arcal.bench.report.Figure;
import com.arcal.bench.rig.ControllerRig;
import com.arcal.bench.rig.CountingEngineClient;
import com.arcal.bench.rig.EmulatedArm;
import com.arcal.bench.rig.Probes;
import com.arcal.bench.rig.Progress;
import com.arcal.bench.rig.Waits;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.store.InMemoryDesiredStateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario 1: N sales written at once into an empty desired state, an empty resource group, ARM's
 * token buckets enforced by the emulator, provisioning latency L. The controller can do no better
 * than ARM's write bucket allows: 200 PUTs at once, then 10 per second, and the last app is ready
 * L after its PUT: {@code bound = max(0, N - 200) / 10 s + L}.
 */
public final class ColdConvergence implements Scenario {
  static final String NAME = "cold";
  /** The orchestrator's default resync period (ARCAL_RESYNC_SECONDS). */
  static final Duration RESYNC = Duration.ofSeconds(60);
  static final long PROGRESS_SECONDS = 1;
  /**
   * Sales converged {@link #WARM_UP_ROUNDS} times, unreported, with a short provisioning latency,
   * before the measured sizes: the orchestrator is a long-lived process, so the figures are those
   * of warm code (SDK, TLS, emulator, engines), not of a JVM's first seconds of class loading and
   * JIT. Within ARM's write burst, so a round costs a few seconds. Fewer rounds were not enough:
   * after one, the time to send 100 PUTs kept falling over the next runs (0.75, 0.41, 0.36, 0.28
   * s) and then stayed there; after three, the first measured run still took 0.47-0.56 s.
   */
  static final int WARM_UP = 150;
  static final int WARM_UP_ROUNDS = 5;
  static final Duration WARM_UP_LATENCY = Duration.ofMillis(500);

  /** What one convergence left: the fleet when a later scenario wants it. */
  record Outcome(double seconds, Optional<ConvergedFleet> fleet) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void run(BenchContext context) {
    System.out.println("   warm-up: " + WARM_UP_ROUNDS + " x " + WARM_UP + " sales, not reported");
    for (int round = 0; round < WARM_UP_ROUNDS; round++) {
      converge(context, WARM_UP, WARM_UP_LATENCY, false);
    }
    for (int n : context.options().sizes()) {
      Outcome outcome = converge(context, n, context.options().latency(), true);
      outcome.fleet().ifPresent(context::keep);
    }
  }

  /** Converges N sales and reports the figures; keeps the fleet open when a later scenario wants it. */
  static Outcome converge(BenchContext context, int n) {
    return converge(context, n, context.options().latency(), true);
  }

  private static Outcome converge(BenchContext context, int n, Duration latency, boolean measured) {
    context.closeFleet();
    EmulatedArm arm = EmulatedArm.start(context.folder("cold-" + n + "-" + System.nanoTime()), latency);
    InMemoryDesiredStateStore store = new InMemoryDesiredStateStore(ControllerRig.NAMING, Clock.systemUTC(), false);
    ControllerRig rig = ControllerRig.start(arm, store, RESYNC);
    boolean keep = measured && context.fleetWanted(n);
    try {
      List<SaleId> ids = Sales.ids(1, n);
      arm.emulator().stats().reset();
      RunningTimes running = RunningTimes.follow(rig.board());
      long start = System.nanoTime();
      store.replace(Sales.specs(ids), store.snapshot().version());
      double bound = Math.max(0, n - 200) / 10.0 + latency.toMillis() / 1000.0;
      AtomicLong lastPut = new AtomicLong();
      long done;
      try (Progress progress = new Progress(System.out, Duration.ofSeconds(PROGRESS_SECONDS),
          () -> "running " + rig.runningCount() + "/" + n + ", ARM " + ArmCounts.byType(arm))) {
        done = Waits.until("N=" + n + " sales Running", () -> {
              if (lastPut.get() == 0 && ArmCounts.writes(arm) >= n) {
                lastPut.set(System.nanoTime());
              }
              return rig.runningCount() == n;
            },
            Duration.ofMillis(20), Duration.ofSeconds((long) (bound * 3) + 120));
      }
      double seconds = Waits.seconds(start, done);
      running.close();
      if (measured) {
        report(context, n, seconds, bound, arm, rig);
        String at = label(context, n);
        context.add(Figure.info(NAME, at + ": last PUT answered", Waits.seconds(start, lastPut.get()), "s"));
        running.reportAgainst(context, NAME, at, arm.emulator().operations());
      }
      if (keep) {
        return new Outcome(seconds, Optional.of(new ConvergedFleet(arm, store, ids, rig)));
      }
      rig.close();
      arm.close();
      return new Outcome(seconds, Optional.empty());
    } catch (RuntimeException | Error e) {
      rig.close();
      arm.close();
      throw e;
    }
  }

  private static String label(BenchContext context, int n) {
    return "N=" + n + " L=" + Math.round(context.options().latency().toMillis() / 1000.0) + "s";
  }

  private static void report(BenchContext context, int n, double seconds, double bound, EmulatedArm arm,
      ControllerRig rig) {
    String at = label(context, n);
    context.add(Figure.info(NAME, at + ": time to all Running", seconds, "s"));
    context.add(Figure.info(NAME, at + ": throttle bound max(0,N-200)/10+L", bound, "s"));
    context.add(Figure.atMost(NAME, at + ": ratio to bound", seconds / bound, "", 1.05));
    context.add(Figure.info(NAME, at + ": 429s received", ArmCounts.throttled(arm), ""));
    for (Map.Entry<String, Long> type : ArmCounts.byType(arm).entrySet()) {
      context.add(Figure.info(NAME, at + ": ARM " + type.getKey() + " per sale", type.getValue() / (double) n, ""));
    }
    CountingEngineClient engines = rig.engines();
    context.add(Figure.info(NAME, at + ": gRPC calls per sale", engines.total() / (double) n, ""));
    context.add(Figure.info(NAME, at + ": JVM threads (controller + emulator + engines)", Probes.liveThreads(), ""));
    context.add(Figure.info(NAME, at + ": heap after GC (whole JVM, engines included)",
        Probes.mib(Probes.heapAfterGc()), "MiB"));
    context.add(Figure.info(NAME, at + ": RSS (whole JVM, engines included)", Probes.mib(Probes.rssBytes()), "MiB"));
  }
}
