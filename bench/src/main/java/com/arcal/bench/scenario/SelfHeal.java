package com.arcal.bench.scenario;

import com.arcal.bench.report.Figure;
import com.arcal.bench.report.Percentiles;
import com.arcal.bench.rig.ControllerRig;
import com.arcal.bench.rig.Waits;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.StatusBoard.StatusChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

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
    // Transitions are taken from the board's change stream, not by sampling it: the pass that
    // notices a crash often finds the engine already back and turns it Running again at once.
    Set<SaleId> watched = Set.copyOf(victims);
    Map<SaleId, Long> detected = new ConcurrentHashMap<>();
    Map<SaleId, Long> healed = new ConcurrentHashMap<>();
    Consumer<StatusChange> listener = change -> {
      if (!watched.contains(change.saleId())) {
        return;
      }
      long now = System.nanoTime();
      boolean running = change.after().map(st -> st.phase() == Phase.RUNNING).orElse(false);
      if (!running) {
        detected.putIfAbsent(change.saleId(), now);
      } else if (detected.containsKey(change.saleId())) {
        healed.putIfAbsent(change.saleId(), now);
      }
    };
    Map<SaleId, Long> crashedAt = new HashMap<>();
    rig.board().subscribe(listener);
    try {
      for (SaleId id : victims) {
        crashedAt.put(id, System.nanoTime());
        fleet.arm().emulator().runtime().crash(ControllerRig.NAMING.appName(id));
      }
      int all = victims.size();
      Waits.until("the crashed sales Running again", () -> healed.size() == all, Duration.ofMillis(20),
          Duration.ofMinutes(3));
    } finally {
      rig.board().unsubscribe(listener);
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
