package com.arcal.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.controller.status.Condition;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.StatusBoard.StatusChange;
import com.arcal.reliability.harness.EngineProcesses;
import com.arcal.reliability.harness.Figures;
import com.arcal.reliability.harness.LocalFleet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 4: one engine hangs (SIGSTOP: its sockets still accept, nothing answers, every call
 * runs into the deadline), then is UNAVAILABLE for a while as it resumes. The other sales stay
 * Running and a sale created meanwhile becomes Running as fast as usual; the hung sale shows a
 * clear condition and comes back to Running after SIGCONT.
 */
class EngineFaultIT {
  @TempDir Path dir;

  @Test
  void aHungEngine_blocksNoOtherSale_showsWhy_andRecovers() {
    try (LocalFleet fleet = LocalFleet.in(dir).processes().engineDeadline(Duration.ofSeconds(1))
        .env("ARCAL_RESYNC_SECONDS", "1").env("ARCAL_WORKERS", "2").start()) {
      EngineProcesses engines = new EngineProcesses(fleet.emulatorData);
      try {
        List<String> sales = List.of("hang", "ok-1", "ok-2");
        sales.forEach(s -> assertThat(fleet.api.post("/sales/spawn", "{\"saleId\":\"" + s + "\"}").status()).isEqualTo(202));
        await().atMost(Duration.ofSeconds(90)).until(() -> sales.stream().allMatch(fleet::running));
        Set<String> disturbed = ConcurrentHashMap.newKeySet();
        Consumer<StatusChange> watcher = c -> {
          if (c.saleId().value().startsWith("ok-")
              && c.after().map(s -> s.phase() != Phase.RUNNING).orElse(true)) {
            disturbed.add(c.saleId().value());
          }
        };
        fleet.orchestrator.backend().board().subscribe(watcher);

        ProcessHandle hung = engines.of("sale-hang").orElseThrow();
        EngineProcesses.signal(hung, "STOP");
        long stoppedAt = System.nanoTime();
        try {
          await().atMost(Duration.ofSeconds(20)).until(() -> fleet.status("hang")
              .flatMap(s -> s.condition(Condition.ENGINE_REACHABLE)).map(c -> !c.isTrue()).orElse(false));
          long detectedMs = (System.nanoTime() - stoppedAt) / 1_000_000;
          Condition why = fleet.status("hang").orElseThrow().condition(Condition.ENGINE_REACHABLE).orElseThrow();
          assertThat(why.reason()).isEqualTo("Unreachable");
          assertThat(why.message()).isNotBlank();
          assertThat(fleet.api.get("/sales/hang").body()).contains("Unreachable");

          // With two workers, a worker stuck on the hung engine must not delay a new sale.
          long spawnAt = System.nanoTime();
          assertThat(fleet.api.post("/sales/spawn", "{\"saleId\":\"newcomer\"}").status()).isEqualTo(202);
          await().atMost(Duration.ofSeconds(30)).until(() -> fleet.running("newcomer"));
          long newcomerMs = (System.nanoTime() - spawnAt) / 1_000_000;
          assertThat(fleet.running("ok-1") && fleet.running("ok-2")).isTrue();

          EngineProcesses.signal(hung, "CONT");
          long resumedAt = System.nanoTime();
          await().atMost(Duration.ofSeconds(30)).until(() -> fleet.running("hang"));
          long recoveredMs = (System.nanoTime() - resumedAt) / 1_000_000;
          assertThat(disturbed).as("other sales that left Running").isEmpty();
          assertThat(engines.of("sale-hang").orElseThrow().pid()).as("same engine, resumed").isEqualTo(hung.pid());

          new Figures("4-engine-faults")
              .put("fault", "engine process stopped (SIGSTOP) ~" + (resumedAt - stoppedAt) / 1_000_000_000 + " s, then resumed")
              .put("detected (EngineReachable=False, Unreachable)", detectedMs + " ms")
              .put("new sale Running while the engine hung", newcomerMs + " ms (2 workers)")
              .put("other sales leaving Running", disturbed.size())
              .put("hung sale back to Running after SIGCONT", recoveredMs + " ms")
              .publish();
        } finally {
          EngineProcesses.signal(hung, "CONT");
          fleet.orchestrator.backend().board().unsubscribe(watcher);
        }
      } finally {
        engines.killAll();
      }
    }
  }
}
