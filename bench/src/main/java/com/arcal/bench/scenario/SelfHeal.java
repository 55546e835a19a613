package com.arcal.bench.scenario;

import com.arcal.bench.report.Figure;
import com.arcal.bench.report.Percentiles;
import com.arcal.bench.rig.ControllerRig;
import com.arcal.bench.rig.Waits;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.status.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenario 4: K engines of the converged fleet die at once (the emulator's runtime kills them as
 * a SIGKILL would; it restarts them after its crash backoff, 1 s first). Measured per sale: crash
 * to detection (its status leaves Running) and crash to Running again.
 */
public final class SelfHeal implements Scenario {
  static final String NAME = "heal";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void run(BenchContext context) {
    ConvergedFleet fleet = context.steadyFleet();
    ControllerRig rig = fleet.controller();
    List<SaleId> victims = new ArrayList<>(fleet.sales());
    Collections.shuffle(victims, new Random(42));
    victims = victims.subList(0, Math.min(context.options().crashes(), victims.size()));
    Map<SaleId, Long> crashedAt = new HashMap<>();
    for (SaleId id : victims) {
      crashedAt.put(id, System.nanoTime());
      fleet.arm().emulator().runtime().crash(ControllerRig.NAMING.appName(id));
    }
    Map<SaleId, Long> detected = new HashMap<>();
    Map<SaleId, Long> healed = new HashMap<>();
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (healed.size() < victims.size() && System.nanoTime() < deadline) {
      for (SaleId id : victims) {
        if (healed.containsKey(id)) {
          continue;
        }
        boolean running = rig.board().get(id).map(s -> s.phase() == Phase.RUNNING).orElse(false);
        long now = System.nanoTime();
        if (!detected.containsKey(id) && !running) {
          detected.put(id, now);
        } else if (detected.containsKey(id) && running) {
          healed.put(id, now);
        }
      }
      LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
    }
    List<Double> detect = new ArrayList<>();
    List<Double> heal = new ArrayList<>();
    detected.forEach((id, t) -> detect.add(Waits.millis(crashedAt.get(id), t)));
    healed.forEach((id, t) -> heal.add(Waits.seconds(crashedAt.get(id), t)));
    Percentiles d = new Percentiles(detect);
    Percentiles h = new Percentiles(heal);
    String at = "K=" + victims.size() + " of N=" + fleet.sales().size();
    context.add(Figure.info(NAME, at + ": detected", detected.size(), "sales"));
    context.add(Figure.info(NAME, at + ": crash -> detected, p50", d.at(50), "ms"));
    context.add(Figure.info(NAME, at + ": crash -> detected, p99", d.at(99), "ms"));
    context.add(Figure.atLeast(NAME, at + ": Running again", healed.size(), "sales", victims.size()));
    context.add(Figure.info(NAME, at + ": crash -> Running again, p50", h.at(50), "s"));
    context.add(Figure.info(NAME, at + ": crash -> Running again, p99", h.at(99), "s"));
  }
}
