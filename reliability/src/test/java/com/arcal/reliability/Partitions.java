package com.arcal.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.controller.status.Condition;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.SaleStatus;
import com.arcal.reliability.harness.Figures;
import com.arcal.reliability.harness.LocalFleet;
import com.arcal.reliability.harness.PartitionedEngines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Scenario 11: the orchestrator cannot reach any engine (every call to every engine fails, every
 * health watch breaks) for longer than every heal threshold, while the engines run and ARM says
 * they are healthy. The controller declares a partition, restarts no revision and deletes no app,
 * shows each sale as last known ({@code EngineReachable=Unknown}, reason
 * {@code OrchestratorPartitioned}) and says so on {@code /readyz} and {@code /metrics}; when the
 * fault ends every sale is Running and reachable again within 5 s.
 */
final class Partitions {
  private Partitions() {}

  /**
   * @param restartAfter the heal thresholds the orchestrator runs with: {@code null} for the
   *     defaults (30 s, 120 s)
   */
  static void run(Path dir, int salesCount, Duration partition, String restartAfter,
      String recreateAfter, String figuresName) {
    AtomicLong declaredNanos = new AtomicLong();
    PartitionedEngines[] seam = new PartitionedEngines[1];
    LocalFleet.Builder builder = LocalFleet.in(dir).engines(e -> seam[0] = new PartitionedEngines(e));
    if (restartAfter != null) {
      builder.env("ARCAL_HEAL_RESTART_AFTER", restartAfter).env("ARCAL_HEAL_RECREATE_AFTER", recreateAfter);
    }
    try (LocalFleet fleet = builder.start()) {
      PartitionedEngines engines = seam[0];
      List<String> sales = IntStream.range(0, salesCount).mapToObj(i -> "part-" + i).toList();
      sales.forEach(s -> assertThat(fleet.api.post("/sales/spawn", "{\"saleId\":\"" + s + "\"}").status()).isEqualTo(202));
      await().atMost(Duration.ofSeconds(120)).until(() -> sales.stream().allMatch(fleet::running));
      fleet.emulator.stats().reset();

      engines.cutAll();
      long cutAt = System.nanoTime();
      AtomicInteger mostNotRunning = new AtomicInteger();
      AtomicBoolean readyzSaidSo = new AtomicBoolean();
      AtomicBoolean gaugeSaidSo = new AtomicBoolean();
      AtomicBoolean allShownPartitioned = new AtomicBoolean();
      AtomicInteger samples = new AtomicInteger();
      await().atMost(partition.plusSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
        samples.incrementAndGet();
        List<SaleStatus> now = sales.stream().map(fleet::status).map(Optional::orElseThrow).toList();
        int notRunning = (int) now.stream().filter(s -> s.phase() != Phase.RUNNING).count();
        boolean declared = fleet.orchestrator.backend().controller().heal().partitioned();
        if (declared) {
          declaredNanos.compareAndSet(0, System.nanoTime());
          mostNotRunning.accumulateAndGet(notRunning, Math::max);
        }
        if (declared && now.stream().allMatch(Partitions::shownPartitioned)) {
          allShownPartitioned.set(true);
        }
        if (declared && !readyzSaidSo.get()) {
          readyzSaidSo.set(fleet.api.get("/readyz").json().has("partition"));
          gaugeSaidSo.set(fleet.api.get("/metrics").body().contains("arcal_partition 1.0"));
        }
        return System.nanoTime() - cutAt >= partition.toNanos();
      });
      long restartsDuring = restarts(fleet);
      long deletionsDuring = deletions(fleet);
      long healthReads = fleet.emulator.stats().count(k -> k.route().equals("revision") || k.route().equals("replicas"));

      engines.heal();
      long healedAt = System.nanoTime();
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
          .until(() -> sales.stream().allMatch(s -> fleet.status(s).map(Partitions::reachableAndRunning).orElse(false)));
      long backMs = (System.nanoTime() - healedAt) / 1_000_000;
      await().atMost(Duration.ofSeconds(5)).until(() -> !fleet.api.get("/readyz").json().has("partition"));

      assertThat(declaredNanos.get()).as("a partition was declared").isNotZero();
      assertThat(restartsDuring).as("revision restarts during the partition").isZero();
      assertThat(deletionsDuring).as("app deletions during the partition").isZero();
      assertThat(restarts(fleet)).as("revision restarts in all").isZero();
      assertThat(deletions(fleet)).as("app deletions in all").isZero();
      assertThat(allShownPartitioned).as("every sale shown last known, EngineReachable=Unknown").isTrue();
      assertThat(readyzSaidSo).as("/readyz reported the partition").isTrue();
      assertThat(gaugeSaidSo).as("arcal_partition was 1").isTrue();
      assertThat(backMs).as("every sale Running and reachable after the end").isLessThan(5_000);

      new Figures(figuresName)
          .put("sales (engines in the emulator's JVM)", salesCount)
          .put("fault", "every engine call fails, every health watch breaks, for " + partition.toSeconds()
              + " s; the engines run and ARM says they are healthy")
          .put("heal thresholds (restart / recreate after)", restartAfter == null ? "30s / 120s (defaults)"
              : restartAfter + " / " + recreateAfter)
          .put("partition declared", (declaredNanos.get() - cutAt) / 1_000_000 + " ms after the cut")
          .put("revision restarts", restartsDuring)
          .put("app deletions", deletionsDuring)
          .put("ARM health reads (revision GET + replicas LIST)", healthReads)
          .put("most sales not shown Running while partitioned", mostNotRunning.get())
          .put("/readyz partition, arcal_partition 1", readyzSaidSo.get() + ", " + gaugeSaidSo.get())
          .put("every sale Running and EngineReachable=True after the end", backMs + " ms")
          .put("samples (every 100 ms)", samples.get())
          .publish();
    }
  }

  private static boolean shownPartitioned(SaleStatus s) {
    return s.phase() == Phase.RUNNING && s.condition(Condition.ENGINE_REACHABLE)
        .map(c -> c.status().equals("Unknown") && c.reason().equals("OrchestratorPartitioned")).orElse(false);
  }

  private static boolean reachableAndRunning(SaleStatus s) {
    return s.phase() == Phase.RUNNING
        && s.condition(Condition.ENGINE_REACHABLE).map(Condition::isTrue).orElse(false);
  }

  static long restarts(LocalFleet fleet) {
    return fleet.emulator.stats().count(k -> k.route().equals("revisionRestart"));
  }

  static long deletions(LocalFleet fleet) {
    return fleet.emulator.stats().count(k -> k.method().equals("DELETE"));
  }
}
