package com.arcal.bench.scenario;

import com.arcal.bench.report.Figure;
import com.arcal.bench.rig.ArmCalls;
import com.arcal.bench.rig.ChildEmulator;
import com.arcal.bench.rig.ControllerRig;
import com.arcal.bench.rig.EmulatedArm;
import com.arcal.bench.rig.EnvironmentLayout;
import com.arcal.bench.rig.Probes;
import com.arcal.bench.rig.Progress;
import com.arcal.bench.rig.Waits;
import com.arcal.controller.placement.EnvironmentCapacity;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.store.InMemoryDesiredStateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Scenario 8, only when named ({@code --scenario scale}): {@code --fleet} sales converged cold on
 * the emulator's shared engine runtime (one gRPC server and one WebSocket listener for every app),
 * the emulator in a child process, so that this JVM holds the controller alone. Reports the time
 * to all Running against ARM's write bound, the 429s, ARM's reads and writes per resync once the
 * fleet is Running, and the controller's heap after GC with every app known and Running.
 *
 * <p>{@code --environments} E environments of {@code --environment-cores} cores, round robin over
 * {@code --subscriptions} K subscriptions (each environment in its own resource group), the
 * controller wired as the orchestrator wires several ({@link ControllerRig#start(
 * com.arcal.bench.rig.ArmSite, List, com.arcal.controller.store.DesiredStateStore, Duration)}: one
 * ARM budget per subscription). ARM's write bucket is per subscription, so the K buckets fill in
 * parallel and the bound is the largest subscription's share S of the N sales (the placement
 * spreads them evenly by free cores): {@code bound = max(0, S - 200) / 10 s + L}, with S = N for
 * one subscription. The controller resyncs every {@code --resync} seconds from the start.
 */
public final class ScaleConvergence implements Scenario {
  static final String NAME = "scale";
  static final Duration POLL = Duration.ofMillis(50);

  @Override
  public String name() {
    return NAME;
  }

  /** ARM's write bucket: 200 at once, then 10 per second; the last app is ready L later. */
  static double bound(int n, Duration latency) {
    return Math.max(0, n - 200) / 10.0 + latency.toMillis() / 1000.0;
  }


  /**
   * What a resync may read: each environment's LIST, page by page, and its usages read (the
   * placement reads every environment's core usage after each resync's LIST).
   *
   * @param placed the sales on each environment
   */
  static int readsPerResyncBound(List<Integer> placed, int pageSize) {
    return placed.stream().mapToInt(n -> (n + pageSize - 1) / pageSize + 1).sum();
  }

  @Override
  public void run(BenchContext context) {
    context.closeFleet();
    int n = context.options().fleetSize();
    Duration latency = context.options().latency();
    Duration resync = context.options().resync();
    EnvironmentLayout layout =
        EnvironmentLayout.spread(context.options().scaleEnvironments(), context.options().subscriptions());
    String at = "N=" + n + " E=" + layout.environments().size() + " K=" + layout.subscriptions()
        + " L=" + Math.round(latency.toMillis() / 1000.0) + "s, shared runtime";
    try (ChildEmulator site = ChildEmulator.start(context.folder("scale-" + n + "-" + System.nanoTime()), latency,
        "shared", layout.groups(), context.options().environmentCores())) {
      InMemoryDesiredStateStore store =
          new InMemoryDesiredStateStore(ControllerRig.NAMING, Clock.systemUTC(), false);
      try (ControllerRig rig = ControllerRig.start(site, layout.environments(), store, resync)) {
        converge(context, at, n, latency, layout, store, rig);
        for (EnvironmentCapacity env : rig.capacity()) {
          context.add(Figure.info(NAME, at + ": sales placed on " + env.environment().resourceGroup(),
              env.sales(), ""));
        }
        steady(context, at, n, resync, layout, rig);
        context.add(Figure.info(NAME, at + ": controller heap after GC, all Running",
            Probes.mib(Probes.heapAfterGc()), "MiB"));
        context.add(Figure.info(NAME, at + ": controller JVM threads", Probes.liveThreads(), ""));
      }
    }
  }

  private static void converge(BenchContext context, String at, int n, Duration latency,
      EnvironmentLayout layout, InMemoryDesiredStateStore store, ControllerRig rig) {
    List<SaleId> ids = Sales.ids(1, n);
    ArmCalls calls = rig.armCalls();
    long writesBefore = calls.writes();
    double bound = bound(layout.largestSubscriptionShare(n), latency);
    long start = System.nanoTime();
    store.replace(Sales.specs(ids), store.snapshot().version());
    long done;
    try (Progress progress = new Progress(System.out, Duration.ofSeconds(5),
        () -> "running " + rig.runningCount() + "/" + n + ", ARM writes " + (calls.writes() - writesBefore)
            + ", reads " + calls.reads() + ", 429s " + calls.throttled())) {
      done = Waits.until("N=" + n + " sales Running", () -> rig.runningCount() == n, POLL,
          Duration.ofSeconds((long) (bound * 3) + 120));
    }
    double seconds = Waits.seconds(start, done);
    context.add(Figure.info(NAME, at + ": time to all Running", seconds, "s"));
    context.add(Figure.info(NAME, at + ": throttle bound max(0,S-200)/10+L, S the largest subscription's share", bound, "s"));
    context.add(Figure.atMost(NAME, at + ": ratio to bound", seconds / bound, "", 1.05));
    context.add(Figure.atMost(NAME, at + ": 429s received", calls.throttled(), "", 0));
    context.add(Figure.info(NAME, at + ": ARM writes per sale", (calls.writes() - writesBefore) / (double) n, ""));
    // What the K write buckets allow after their bursts is 10 per second each: a lower mean rate
    // with no 429 says the controller, not ARM, set the pace.
    context.add(Figure.info(NAME, at + ": ARM writes per second, mean to all Running",
        (calls.writes() - writesBefore) / seconds, "/s"));
  }

  /**
   * Counts {@code --resyncs} whole resyncs: resyncs are jittered by 10%, so a window of whole
   * resyncs, not of time, is what a per-resync figure is made of. A resync is counted when its
   * LIST ends and its usages reads follow, so each edge of the window is half a period after a
   * resync, when neither is in flight.
   */
  private static void steady(
      BenchContext context, String at, int n, Duration resync, EnvironmentLayout layout, ControllerRig rig) {
    int periods = context.options().resyncs();
    long settled = rig.resyncs();
    Waits.until("a resync", () -> rig.resyncs() > settled, POLL, resync.multipliedBy(3));
    Waits.pause(resync.dividedBy(2));
    long first = rig.resyncs();
    ArmCalls calls = rig.armCalls();
    long reads = calls.reads();
    long writes = calls.writes();
    Waits.until(periods + " resyncs", () -> rig.resyncs() >= first + periods, POLL,
        resync.multipliedBy(periods + 2));
    Waits.pause(resync.dividedBy(2));
    List<Integer> placed = rig.capacity().stream().map(EnvironmentCapacity::sales).toList();
    String window = at + ", " + periods + " resyncs of " + resync.toSeconds() + "s";
    context.add(Figure.atMost(NAME, window + ": ARM writes per resync",
        (calls.writes() - writes) / (double) periods, "", 0));
    context.add(Figure.atMost(NAME, window + ": ARM reads per resync",
        (calls.reads() - reads) / (double) periods, "", readsPerResyncBound(placed, EmulatedArm.PAGE_SIZE)));
    context.add(Figure.info(NAME, window + ": sales Running at the end", rig.runningCount(), ""));
  }
}
