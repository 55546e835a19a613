package com.arcal.controller.heal;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.controller.azure.RevisionHealth;
import com.arcal.controller.azure.RevisionHealth.ContainerState;
import com.arcal.controller.fake.FakeContainerApps;
import com.arcal.controller.fake.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HealGateTest {
  private static final RevisionHealth CRASHING = new RevisionHealth("Unhealthy", "Degraded", 1,
      List.of(new ContainerState("engine", false, false, 4, "Waiting", "back-off")));
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final FakeContainerApps apps = new FakeContainerApps();
  private final HealGate gate = new HealGate(apps, HealSettings.defaults(), () -> 20, clock);

  @Test
  void aBrokenEngine_isHealedWithinTheBudget_thenTheNextOneWaits() {
    apps.revisionHealth("a", CRASHING);
    apps.revisionHealth("b", CRASHING);
    apps.revisionHealth("c", CRASHING);

    assertThat(gate.mayHeal("a", "a--1", "restart revision").allowed()).isTrue();
    assertThat(gate.mayHeal("b", "b--1", "restart revision").allowed()).as("10% of 20 = 2").isTrue();
    HealGate.Verdict third = gate.mayHeal("c", "c--1", "restart revision");

    assertThat(third.allowed()).isFalse();
    assertThat(third.reason()).isEqualTo(HealGate.Reason.BUDGET_EXHAUSTED);
    assertThat(third.message()).contains("heal budget spent (2 per window)");
    gate.mayHeal("c", "c--1", "restart revision");
    assertThat(gate.healsDone("restart revision")).isEqualTo(2);
    assertThat(gate.healsDeferred()).as("counted once per engine and reason").isEqualTo(1);

    clock.advance(Duration.ofMinutes(5));
    assertThat(gate.mayHeal("c", "c--1", "restart revision").allowed()).isTrue();
  }

  @Test
  void anEngineArmSaysIsHealthy_isNotHealed_unlessItsRestartCountRises() {
    assertThat(gate.mayHeal("a", "a--1", "restart revision").reason())
        .isEqualTo(HealGate.Reason.ARM_REPORTS_HEALTHY);
    clock.advance(Duration.ofSeconds(5));
    gate.mayHeal("a", "a--1", "restart revision");
    assertThat(apps.count("health")).as("read again no sooner than 10 s").isEqualTo(1);

    apps.revisionHealth("a", new RevisionHealth("Healthy", "Running", 1,
        List.of(new ContainerState("engine", true, true, 2, "Running", ""))));
    clock.advance(Duration.ofSeconds(6));
    HealGate.Verdict verdict = gate.mayHeal("a", "a--1", "restart revision");
    assertThat(verdict.allowed()).as("the platform restarted it twice meanwhile").isTrue();
    assertThat(verdict.message()).contains("restartCount 2 (was 0)");
  }

  @Test
  void duringAPartition_nothingIsHealed_andArmIsNotAskedPerEngine() {
    IntStream.range(0, 10).forEach(i -> gate.reached("e" + i));
    IntStream.range(0, 10).forEach(i -> gate.unreachable("e" + i, "e" + i + "--1"));
    assertThat(gate.partitioned()).isTrue();
    assertThat(apps.count("health")).as("two samples confirm it").isEqualTo(2);

    apps.revisionHealth("e5", CRASHING);
    HealGate.Verdict verdict = gate.mayHeal("e5", "e5--1", "restart revision");
    assertThat(verdict.allowed()).isFalse();
    assertThat(verdict.reason()).isEqualTo(HealGate.Reason.PARTITIONED);
    assertThat(apps.count("health")).isEqualTo(2);

    IntStream.range(0, 10).forEach(i -> gate.reached("e" + i));
    assertThat(gate.partitioned()).isFalse();
  }
}
