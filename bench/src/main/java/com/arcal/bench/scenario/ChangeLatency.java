package com.arcal.bench.scenario;

import com.arcal.bench.report.Figure;
import com.arcal.bench.report.Percentiles;
import com.arcal.bench.rig.ControllerRig;
import com.arcal.bench.rig.EmulatedArm;
import com.arcal.bench.rig.Waits;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.status.SaleStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scenario 3: on the converged fleet, one sale added (time until the emulator has answered its
 * PUT, then until Running) and one spec changed (time until the update PUT), a few times each.
 * The PUT is observed at the emulator: its request counter moves when the PUT has been handled.
 */
public final class ChangeLatency implements Scenario {
  static final String NAME = "change";
  static final int SAMPLES = 20;
  private static final Duration SPIN = Duration.ofNanos(50_000);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void run(BenchContext context) {
    ConvergedFleet fleet = context.steadyFleet();
    EmulatedArm arm = fleet.arm();
    ControllerRig rig = fleet.controller();
    int n = fleet.sales().size();
    List<Double> addPut = new ArrayList<>();
    List<Double> addRunning = new ArrayList<>();
    List<Double> changePut = new ArrayList<>();
    for (int i = 0; i < SAMPLES; i++) {
      SaleId added = Sales.id(900_00 + i);
      long puts = arm.appPuts();
      long start = System.nanoTime();
      fleet.store().put(added, Sales.spec(0), Optional.empty());
      long put = Waits.until("the PUT of " + added, () -> arm.appPuts() > puts, SPIN, Duration.ofSeconds(30));
      long running = Waits.until(added + " Running", () -> rig.running(added), Duration.ofMillis(5),
          Duration.ofSeconds(60));
      addPut.add(Waits.millis(start, put));
      addRunning.add(Waits.seconds(start, running));

      SaleId changed = fleet.sales().get(i * 97 % n);
      long generation = fleet.store().snapshot().sale(changed).orElseThrow().generation();
      long putsBefore = arm.appPuts();
      long changeStart = System.nanoTime();
      fleet.store().put(changed, Sales.spec(i + 1), Optional.empty());
      long updatePut =
          Waits.until("the update PUT of " + changed, () -> arm.appPuts() > putsBefore, SPIN, Duration.ofSeconds(30));
      changePut.add(Waits.millis(changeStart, updatePut));
      Waits.until(changed + " Running its new generation",
          () -> rig.board().get(changed).map(s -> runs(s, generation + 1)).orElse(false),
          Duration.ofMillis(5), Duration.ofSeconds(60));
    }
    double latency = context.options().latency().toMillis() / 1000.0;
    String at = "fleet N=" + n + ", " + SAMPLES + " samples";
    Percentiles put = new Percentiles(addPut);
    Percentiles run = new Percentiles(addRunning);
    Percentiles update = new Percentiles(changePut);
    context.add(Figure.atMost(NAME, at + ": add -> PUT answered, median", put.at(50), "ms", 50));
    context.add(Figure.info(NAME, at + ": add -> PUT answered, p90", put.at(90), "ms"));
    context.add(Figure.info(NAME, at + ": add -> PUT answered, max", put.max(), "ms"));
    context.add(Figure.atMost(NAME, at + ": add -> Running, median (L + poll + start)", run.at(50), "s",
        latency + 1.5));
    context.add(Figure.info(NAME, at + ": add -> Running, max", run.max(), "s"));
    context.add(Figure.atMost(NAME, at + ": spec change -> update PUT answered, median", update.at(50), "ms", 50));
    context.add(Figure.info(NAME, at + ": spec change -> update PUT answered, p90", update.at(90), "ms"));
    context.add(Figure.info(NAME, at + ": spec change -> update PUT answered, max", update.max(), "ms"));
  }

  private static boolean runs(SaleStatus status, long generation) {
    return status.phase() == com.arcal.controller.status.Phase.RUNNING && status.observedGeneration() >= generation;
  }
}
