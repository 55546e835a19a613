package com.arcal.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.controller.sale.SaleId;
import com.arcal.controller.status.HistoryAction;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.StatusBoard.StatusChange;
import com.arcal.reliability.harness.EngineProcesses;
import com.arcal.reliability.harness.Figures;
import com.arcal.reliability.harness.LocalFleet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Scenario 1, at any size: engines run as processes; one at a time, a random engine is killed with
 * SIGKILL, and the sale must come back to Running with a new engine process. Detection is the
 * first status change of that sale after the kill (it leaves Running); recovery is the change
 * that puts it back to Running.
 */
final class EngineCrashes {
  private static final Duration RECOVER = Duration.ofSeconds(60);

  private EngineCrashes() {}

  static void run(Path dir, int salesCount, int kills, String figuresName) {
    try (LocalFleet fleet = LocalFleet.in(dir).processes().start()) {
      EngineProcesses engines = new EngineProcesses(fleet.emulatorData);
      try {
        List<String> sales = IntStream.range(0, salesCount).mapToObj(i -> "crash-" + i).toList();
        sales.forEach(s -> assertThat(fleet.api.post("/sales/spawn", "{\"saleId\":\"" + s + "\"}").status()).isEqualTo(202));
        await().atMost(Duration.ofSeconds(120)).until(() -> sales.stream().allMatch(fleet::running));

        Map<SaleId, Long> leftRunning = new ConcurrentHashMap<>();
        Map<SaleId, Long> backRunning = new ConcurrentHashMap<>();
        Consumer<StatusChange> watcher = change -> {
          long now = System.nanoTime();
          boolean running = change.after().map(s -> s.phase() == Phase.RUNNING).orElse(false);
          if (!running) {
            leftRunning.putIfAbsent(change.saleId(), now);
          } else if (leftRunning.containsKey(change.saleId())) {
            backRunning.putIfAbsent(change.saleId(), now);
          }
        };
        fleet.orchestrator.backend().board().subscribe(watcher);
        SplittableRandom random = new SplittableRandom(1);
        List<Long> detection = new ArrayList<>();
        List<Long> recovery = new ArrayList<>();
        for (int k = 0; k < kills; k++) {
          String sale = sales.get(random.nextInt(sales.size()));
          SaleId id = new SaleId(sale);
          ProcessHandle engine = engines.of("sale-" + sale).orElseThrow();
          leftRunning.remove(id);
          backRunning.remove(id);
          long killedAt = System.nanoTime();
          assertThat(engine.destroyForcibly()).isTrue();
          await().atMost(RECOVER).until(() -> backRunning.containsKey(id)
              && engines.of("sale-" + sale).map(p -> p.pid() != engine.pid()).orElse(false));
          detection.add((leftRunning.get(id) - killedAt) / 1_000_000);
          recovery.add((backRunning.get(id) - killedAt) / 1_000_000);
          assertThat(fleet.status(sale).orElseThrow().history())
              .anyMatch(h -> h.action() == HistoryAction.HEALED);
        }
        fleet.orchestrator.backend().board().unsubscribe(watcher);
        await().atMost(RECOVER).until(() -> sales.stream().allMatch(fleet::running));
        assertThat(fleet.emulator.stats().count(k -> k.method().equals("DELETE"))).isZero();

        new Figures(figuresName)
            .put("sales", salesCount)
            .put("engine kills (SIGKILL)", kills)
            .put("recoveries to Running", recovery.size())
            .percentiles("detection time", detection)
            .percentiles("time to Running", recovery)
            .put("apps deleted or recreated", 0)
            .publish();
      } finally {
        engines.killAll();
      }
    }
  }
}
