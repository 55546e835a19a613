package com.arcal.controller.heal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arcal.controller.fake.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DisruptionBudgetTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final MutableClock clock = new MutableClock(T0);

  @Test
  void tenPercentOfFortyApps_allowsFourHealsPerWindow_thenTheOldestLeavesIt() {
    DisruptionBudget budget = new DisruptionBudget(HealSettings.defaults(), clock);
    for (int i = 0; i < 4; i++) {
      assertThat(budget.tryCharge(40)).isEmpty();
      clock.advance(Duration.ofSeconds(10));
    }

    assertThat(budget.tryCharge(40)).contains(T0.plus(Duration.ofMinutes(5)));
    assertThat(budget.spent()).isEqualTo(4);

    clock.advance(Duration.ofMinutes(5).minusSeconds(40));
    assertThat(budget.tryCharge(40)).as("the first heal left the window").isEmpty();
    assertThat(budget.tryCharge(40)).isPresent();
  }

  @Test
  void aShareOfASmallFleet_isAtLeastOne() {
    DisruptionBudget budget = new DisruptionBudget(HealSettings.defaults(), clock);
    assertThat(budget.allowed(3)).isEqualTo(1);
    assertThat(budget.tryCharge(3)).isEmpty();
    assertThat(budget.tryCharge(3)).isPresent();
  }

  @Test
  void aCount_doesNotDependOnTheFleet() {
    DisruptionBudget budget =
        new DisruptionBudget(HealSettings.defaults().withBudget(Quota.ofCount(2), Duration.ofMinutes(1)), clock);
    assertThat(budget.allowed(1000)).isEqualTo(2);
    assertThat(budget.tryCharge(1000)).isEmpty();
    assertThat(budget.tryCharge(1000)).isEmpty();
    assertThat(budget.tryCharge(1000)).contains(T0.plus(Duration.ofMinutes(1)));
  }

  @Test
  void quotas_parseCountsAndShares_andRefuseNonsense() {
    assertThat(Quota.parse("10%").of(95)).isEqualTo(9);
    assertThat(Quota.parse(" 3 ").of(95)).isEqualTo(3);
    assertThat(Quota.parse("1%").of(10)).isEqualTo(1);
    assertThat(Quota.parse("25%")).hasToString("25%");
    assertThatThrownBy(() -> Quota.parse("0")).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> Quota.parse("150%")).hasMessageContaining("1-100%");
    assertThatThrownBy(() -> Quota.parse("lots")).hasMessageContaining("expected a count");
  }
}
