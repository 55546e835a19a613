package com.arcal.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.controller.status.Condition;
import com.arcal.controller.status.HistoryAction;
import com.arcal.reliability.harness.Figures;
import com.arcal.reliability.harness.LocalFleet;
import com.arcal.reliability.harness.PartitionedEngines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 12: the budgeted heal as a backstop. Two engines of 10 stop answering the orchestrator
 * (the network path to them is cut; no partition: 2 is not more than 2). While ARM says they are
 * healthy nothing is done; once their containers crash (the platform restarts them, ARM shows the
 * restart count rise) they are broken by ARM's view too: one revision is restarted, the other
 * heal waits for the budget (10% of 10 apps = 1 per 5 minutes) and says so.
 */
class HealBudgetIT {
  private static final int SALES = 10;
  @TempDir Path dir;

  @Test
  void twoBrokenEngines_oneHealedWithinTheBudget_theOtherWaitsAndSaysWhy() {
    PartitionedEngines[] seam = new PartitionedEngines[1];
    try (LocalFleet fleet = LocalFleet.in(dir).engines(e -> seam[0] = new PartitionedEngines(e))
        .env("ARCAL_HEAL_RESTART_AFTER", "2s").env("ARCAL_HEAL_RECREATE_AFTER", "10m").start()) {
      PartitionedEngines engines = seam[0];
      List<String> sales = IntStream.range(0, SALES).mapToObj(i -> "heal-" + i).toList();
      sales.forEach(s -> assertThat(fleet.api.post("/sales/spawn", "{\"saleId\":\"" + s + "\"}").status()).isEqualTo(202));
      await().atMost(Duration.ofSeconds(120)).until(() -> sales.stream().allMatch(fleet::running));
      fleet.emulator.stats().reset();
      List<String> victims = List.of("heal-3", "heal-7");
      Set<String> hosts = Set.of("sale-heal-3", "sale-heal-7");

      engines.cut(a -> hosts.contains(a.host()));
      long cutAt = System.nanoTime();
      await().atMost(Duration.ofSeconds(30)).until(() -> victims.stream()
          .allMatch(v -> deferredFor(fleet, v).equals(Optional.of("ArmReportsHealthy"))));
      long waitedMs = (System.nanoTime() - cutAt) / 1_000_000;
      assertThat(Partitions.restarts(fleet)).as("nothing done while ARM says healthy").isZero();

      victims.forEach(v -> fleet.emulator.runtime().crash("sale-" + v));
      long crashedAt = System.nanoTime();
      await().atMost(Duration.ofSeconds(60)).until(() -> Partitions.restarts(fleet) == 1
          && victims.stream().anyMatch(v -> deferredFor(fleet, v).equals(Optional.of("HealBudgetExhausted"))));
      long healedMs = (System.nanoTime() - crashedAt) / 1_000_000;
      String waiting = victims.stream()
          .filter(v -> deferredFor(fleet, v).equals(Optional.of("HealBudgetExhausted"))).findFirst().orElseThrow();
      String message = fleet.status(waiting).flatMap(s -> s.condition(Condition.HEAL_DEFERRED)).orElseThrow().message();
      assertThat(message).startsWith("restart revision waits: heal budget spent (1 per window)");
      assertThat(fleet.status(waiting).orElseThrow().history())
          .anyMatch(h -> h.action() == HistoryAction.DEFERRED && h.detail().equals(message));
      assertThat(fleet.api.get("/metrics").body())
          .contains("arcal_heals_total{action=\"restart_revision\",outcome=\"done\"} 1.0");
      assertThat(fleet.orchestrator.backend().controller().heal().partitioned()).isFalse();

      engines.heal();
      await().atMost(Duration.ofSeconds(30)).until(() -> sales.stream().allMatch(fleet::running));
      assertThat(Partitions.restarts(fleet)).as("revision restarts in all").isEqualTo(1);
      assertThat(Partitions.deletions(fleet)).as("app deletions").isZero();

      new Figures("12-heal-budget")
          .put("sales (engines in the emulator's JVM)", SALES)
          .put("fault", "the orchestrator's path to 2 engines cut; then both containers crash (ARM: restartCount 1)")
          .put("heal budget / restart threshold", "10% of 10 apps = 1 per 5 min / 2 s")
          .put("while ARM said healthy", "no heal, both sales HealDeferred=ArmReportsHealthy " + waitedMs + " ms after the cut")
          .put("after the crashes", "1 revision restarted, 1 HealDeferred=HealBudgetExhausted, " + healedMs + " ms after the crash")
          .put("revision restarts / app deletions", Partitions.restarts(fleet) + " / " + Partitions.deletions(fleet))
          .publish();
    }
  }

  private static Optional<String> deferredFor(LocalFleet fleet, String sale) {
    return fleet.status(sale).flatMap(s -> s.condition(Condition.HEAL_DEFERRED)).map(c -> c.reason());
  }
}
