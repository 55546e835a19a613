package com.arcal.bench.scenario;

import com.arcal.bench.report.Figure;
import com.arcal.bench.rig.ChildEmulator;
import com.arcal.bench.rig.ControllerRig;
import com.arcal.bench.rig.Probes;
import com.arcal.bench.rig.Waits;
import com.arcal.controller.store.InMemoryDesiredStateStore;
import java.time.Clock;
import java.time.Duration;

/**
 * Scenario 6: the controller's own memory with 0, 1000 and 10000 desired sales. The emulator runs
 * in a child process, so this JVM holds only the orchestrator's side (store, controller, status
 * board, fleet cache, ARM SDK client). Provisioning takes an hour, so no engine ever runs: what is
 * measured is the bookkeeping of N desired sales while ARM's write budget lets the controller
 * create about 200 apps at once and 10 more per second, exactly as it would against Azure.
 */
public final class MemoryFootprint implements Scenario {
  static final String NAME = "memory";
  static final Duration SETTLE = Duration.ofSeconds(15);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void run(BenchContext context) {
    context.closeFleet();
    try (ChildEmulator site = ChildEmulator.start(context.folder("memory"), Duration.ofHours(1))) {
      InMemoryDesiredStateStore store = new InMemoryDesiredStateStore(ControllerRig.NAMING, Clock.systemUTC(), false);
      try (ControllerRig rig = ControllerRig.start(site, store, ColdConvergence.RESYNC)) {
        for (int n : context.options().memorySizes()) {
          store.replace(Sales.specs(Sales.ids(1, n)), store.snapshot().version());
          Waits.pause(SETTLE);
          long heap = Probes.heapAfterGc();
          String at = n + " desired sales (" + rig.board().all().size() + " on the board, " + rig.knownApps()
              + " apps known)";
          context.add(Figure.info(NAME, at + ": heap after GC", Probes.mib(heap), "MiB"));
          context.add(Figure.info(NAME, at + ": RSS", Probes.mib(Probes.rssBytes()), "MiB"));
        }
      }
    }
  }
}
