package com.arcal.controller.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MaxUnavailableTest {
  @Test
  void aPercentage_isOfTheDesiredSales_roundedDown_atLeastOne() {
    MaxUnavailable tenPercent = MaxUnavailable.parse("10%");
    assertThat(tenPercent.of(1000)).isEqualTo(100);
    assertThat(tenPercent.of(59)).isEqualTo(5);
    assertThat(tenPercent.of(5)).isEqualTo(1);
    assertThat(tenPercent.of(0)).isEqualTo(1);
  }

  @Test
  void aCount_isTheLimitWhateverTheFleet() {
    assertThat(MaxUnavailable.parse(" 5 ").of(3)).isEqualTo(5);
    assertThat(MaxUnavailable.parse("5")).hasToString("5");
    assertThat(MaxUnavailable.parse("25%")).hasToString("25%");
  }

  @Test
  void nonsense_isRefusedWithWhatIsExpected() {
    assertThatThrownBy(() -> MaxUnavailable.parse("0")).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> MaxUnavailable.parse("0%")).hasMessageContaining("1-100%");
    assertThatThrownBy(() -> MaxUnavailable.parse("101%")).hasMessageContaining("1-100%");
    assertThatThrownBy(() -> MaxUnavailable.parse("half")).hasMessageContaining("e.g. 10%");
  }
}
