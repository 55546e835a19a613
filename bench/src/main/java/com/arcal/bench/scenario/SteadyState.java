package com.arcal.bench.scenario;

import com.arcal.bench.report.Figure;
import com.arcal.bench.rig.ControllerRig;
import com.arcal.bench.rig.CountingEngineClient;
import com.arcal.bench.rig.EmulatedArm;
import com.arcal.bench.rig.Probes;
import com.arcal.bench.rig.Waits;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Scenario 2: the converged fleet left alone for a few resync periods. A controller in sync
 * should write nothing, read one paged LIST per resync, and spend little CPU.
 *
 * <p>CPU is reported twice: the whole process (an upper bound: the emulator and every in-process
 * engine live in this JVM too), and the controller's own threads (reconcile workers, resync and
 * poll thread, the ARM HTTP client's threads), which leaves out Netty event loops that the gRPC
 * client shares with the in-process engines.
 */
public final class SteadyState implements Scenario {
  static final String NAME = "steady";
  static final Duration POLL = Duration.ofMillis(5);
  static final Predicate<String> CONTROLLER_THREADS =
      name -> name.startsWith("reconcile-") || name.startsWith("controller-") || name.startsWith("HttpClient-");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void run(BenchContext context) {
    ConvergedFleet fleet = context.steadyFleet();
    Duration resync = context.options().resync();
    int periods = context.options().resyncs();
    int n = fleet.sales().size();
    EmulatedArm arm = fleet.arm();
    ControllerRig rig = fleet.controller();
    CountingEngineClient engines = rig.engines();
    // One period to let the restart's last passes and health watches settle, then counting
    // starts at a resync's end: resyncs are jittered by 10%, so a fixed window of N periods
    // holds N-1 to N+1 of them.
    Waits.pause(resync);
    long settled = rig.resyncs();
    Waits.until("a resync", () -> rig.resyncs() > settled, POLL, resync.multipliedBy(3));
    long first = rig.resyncs();
    Map<String, Long> typesBefore = ArmCounts.byType(arm);
    long writes = ArmCounts.writes(arm);
    long reads = ArmCounts.reads(arm);
    long grpc = engines.total();
    long grpcGets = engines.count(CountingEngineClient.Call.GET);
    long cpu = Probes.processCpuNanos();
    Map<Long, Long> threads = Probes.threadCpuNanos(CONTROLLER_THREADS);
    Waits.until(periods + " resyncs", () -> rig.resyncs() >= first + periods, POLL,
        resync.multipliedBy(periods + 2));
    long cpuAfter = Probes.processCpuNanos();
    Map<Long, Long> threadsAfter = Probes.threadCpuNanos(CONTROLLER_THREADS);
    String at = "N=" + n + ", " + periods + " resyncs of " + resync.toSeconds() + "s";
    int pages = (n + EmulatedArm.PAGE_SIZE - 1) / EmulatedArm.PAGE_SIZE;
    context.add(Figure.atMost(NAME, at + ": ARM writes", ArmCounts.writes(arm) - writes, "", 0));
    context.add(Figure.atMost(NAME, at + ": ARM reads per resync", (ArmCounts.reads(arm) - reads) / (double) periods,
        "", pages + 1));
    ArmCounts.delta(typesBefore, ArmCounts.byType(arm)).forEach((type, count) ->
        context.add(Figure.info(NAME, at + ": ARM " + type + " per resync", count / (double) periods, "")));
    context.add(Figure.info(NAME, at + ": gRPC calls per resync", (engines.total() - grpc) / (double) periods, ""));
    context.add(Figure.info(NAME, at + ": gRPC GetSale per resync",
        (engines.count(CountingEngineClient.Call.GET) - grpcGets) / (double) periods, ""));
    double controllerMs = Probes.cpuBetween(threads, threadsAfter) / 1e6 / periods;
    context.add(Figure.info(NAME, at + ": controller threads CPU per resync", controllerMs, "ms"));
    context.add(Figure.info(NAME, at + ": controller threads CPU per resync per sale", controllerMs / n * 1000, "us"));
    context.add(Figure.info(NAME, at + ": whole-process CPU per resync (with emulator + engines)",
        (cpuAfter - cpu) / 1e6 / periods, "ms"));
  }
}
