package com.arcal.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.controller.budget.ArmOperation;
import com.arcal.controller.budget.BudgetSettings;
import com.arcal.controller.budget.BudgetSettings.Bucket;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import com.arcal.controller.status.HistoryAction;
import com.arcal.controller.store.InMemoryDesiredStateStore;
import com.arcal.emulator.OperationKind;
import com.arcal.emulator.fault.FaultRates;
import com.arcal.emulator.runtime.RuntimeSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crashes of the orchestrator, of engines and of ARM: the fleet converges anyway. */
class SelfHealingIT {
  private static final Duration CONVERGE = Duration.ofSeconds(60);

  @TempDir Path dir;

  private static InMemoryDesiredStateStore store(boolean fresh) {
    return new InMemoryDesiredStateStore(TestOrchestrator.NAMING, Clock.systemUTC(), fresh);
  }

  private static void desire(InMemoryDesiredStateStore store, String sale) {
    store.put(new SaleId(sale), SaleSpec.ofConfig(Map.of()), Optional.empty());
  }

  private static long created(EmulatedAzure azure) {
    return azure.emulator.stats().count(k -> k.method().equals("PUT") && k.status() == 201);
  }

  @Test
  void orchestratorRestartedMidCreateStartsNoSecondOperation() {
    try (EmulatedAzure azure =
        EmulatedAzure.start(dir, RuntimeSettings.Mode.IN_PROCESS, Duration.ofSeconds(2))) {
      InMemoryDesiredStateStore store = store(false);
      desire(store, "vente-01");
      try (TestOrchestrator first = new TestOrchestrator(azure, store).start()) {
        await().atMost(CONVERGE).until(() -> created(azure) == 1);
      }
      try (TestOrchestrator second = new TestOrchestrator(azure, store).start()) {
        await().atMost(CONVERGE).until(() -> second.running("vente-01"));
      }
      assertThat(created(azure)).isEqualTo(1);
      assertThat(
              azure.sdk().serviceClient().getContainerAppsRevisions()
                  .listRevisions(EmulatedAzure.GROUP, "sale-vente-01").stream().count())
          .isEqualTo(1);
    }
  }

  @Test
  void firstStartWithoutDesiredStateAdoptsOwnedApps() {
    try (EmulatedAzure azure =
        EmulatedAzure.start(dir, RuntimeSettings.Mode.IN_PROCESS, Duration.ofMillis(100))) {
      InMemoryDesiredStateStore before = store(false);
      desire(before, "vente-01");
      before.put(new SaleId("vente-02"), SaleSpec.ofConfig(Map.of("lots", "7")), Optional.empty());
      try (TestOrchestrator first = new TestOrchestrator(azure, before).start()) {
        await().atMost(CONVERGE).until(() -> first.running("vente-01") && first.running("vente-02"));
      }

      InMemoryDesiredStateStore fresh = store(true);
      try (TestOrchestrator upgraded = new TestOrchestrator(azure, fresh).start()) {
        await().atMost(CONVERGE).until(() -> upgraded.running("vente-01") && upgraded.running("vente-02"));
        assertThat(fresh.snapshot().asMap()).containsOnlyKeys(new SaleId("vente-01"), new SaleId("vente-02"));
        assertThat(fresh.snapshot().sale(new SaleId("vente-02")).orElseThrow().spec().config())
            .containsEntry("lots", "7");
      }
      assertThat(azure.emulator.stats().count(k -> k.method().equals("DELETE"))).isZero();
      assertThat(created(azure)).isEqualTo(2);
    }
  }

  @Test
  void killedEngineProcessComesBackToRunning() {
    try (EmulatedAzure azure =
        EmulatedAzure.start(dir, RuntimeSettings.Mode.PROCESS, Duration.ofMillis(100))) {
      InMemoryDesiredStateStore store = store(false);
      desire(store, "vente-01");
      try (TestOrchestrator orchestrator = new TestOrchestrator(azure, store).start()) {
        await().atMost(CONVERGE).until(() -> orchestrator.running("vente-01"));
        ProcessHandle engine = engineProcess("sale-vente-01");

        engine.destroyForcibly();

        await().atMost(CONVERGE)
            .until(() -> orchestrator.status("vente-01").orElseThrow().history().stream()
                .anyMatch(h -> h.action() == HistoryAction.HEALED));
        await().atMost(CONVERGE).until(() -> orchestrator.running("vente-01"));
        assertThat(engineProcess("sale-vente-01").pid()).isNotEqualTo(engine.pid());
      }
    }
  }

  @Test
  void armFaultStormConvergesWithinTheBudget() {
    try (EmulatedAzure azure =
        EmulatedAzure.start(dir, RuntimeSettings.Mode.IN_PROCESS, Duration.ofMillis(100))) {
      FaultRates storm = FaultRates.none().withHttp500(0.1).withHttp503(0.1).withHttp429(0.1);
      for (OperationKind kind : OperationKind.values()) {
        azure.emulator.faults().set(kind, storm);
      }
      BudgetSettings tight =
          new BudgetSettings(
              new Bucket(20, 10), new Bucket(5, 2), new Bucket(5, 2), Duration.ofSeconds(1));
      InMemoryDesiredStateStore store = store(false);
      List<String> sales = List.of("a1", "a2", "a3", "a4", "a5", "a6");
      sales.forEach(s -> desire(store, s));
      Instant start = Instant.now();
      try (TestOrchestrator orchestrator = new TestOrchestrator(azure, store, tight).start()) {
        await().atMost(CONVERGE).until(() -> sales.stream().allMatch(orchestrator::running));
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        long writes = orchestrator.budget.counters(ArmOperation.WRITE).granted();
        assertThat(writes).isLessThanOrEqualTo((long) (5 + 2 * seconds) + 1);
        assertThat(azure.emulator.stats().count(k -> k.status() >= 500)).isPositive();
      }
    }
  }

  private static ProcessHandle engineProcess(String app) {
    List<ProcessHandle> found =
        ProcessHandle.allProcesses()
            .filter(p -> p.info().commandLine().map(c -> c.contains(app)).orElse(false))
            .toList();
    assertThat(found).as("exactly one process runs " + app).hasSize(1);
    return found.get(0);
  }
}
