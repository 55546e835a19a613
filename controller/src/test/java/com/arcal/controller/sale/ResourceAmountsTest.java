package com.arcal.controller.sale;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceAmountsTest {
  @Test
  void amountsCompareByValue() {
    assertThat(ResourceAmounts.plainCpu(1.0)).isEqualTo("1");
    assertThat(ResourceAmounts.plainCpu(0.75)).isEqualTo("0.75");
    assertThat(ResourceAmounts.sameCpu("1", "1.0")).isTrue();
    assertThat(ResourceAmounts.sameCpu("0.5", "0.75")).isFalse();
    assertThat(ResourceAmounts.sameCpu("", "0.5")).isFalse();
    assertThat(ResourceAmounts.sameMemory("1Gi", "1.0Gi")).isTrue();
    assertThat(ResourceAmounts.sameMemory("1Gi", "2Gi")).isFalse();
    assertThat(ResourceAmounts.sameMemory("1G", "1G")).isFalse();
  }
}
