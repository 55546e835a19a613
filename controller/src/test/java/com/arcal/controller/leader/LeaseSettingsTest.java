package com.arcal.controller.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeaseSettingsTest {
  private static Duration s(double seconds) {
    return Duration.ofMillis((long) (seconds * 1000));
  }

  @Test
  void defaultsAreKubernetesLike() {
    LeaseSettings d = LeaseSettings.defaults();
    assertThat(d.leaseDuration()).isEqualTo(s(15));
    assertThat(d.renewDeadline()).isEqualTo(s(10));
    assertThat(d.retryPeriod()).isEqualTo(s(2));
    assertThat(d.leaseSeconds()).isEqualTo(15);
  }

  @Test
  void leaseDurationIsWholeSecondsFrom15To60() {
    assertThat(new LeaseSettings(s(60), s(50), s(5)).leaseSeconds()).isEqualTo(60);
    assertThatThrownBy(() -> new LeaseSettings(s(14), s(10), s(2)))
        .hasMessageContaining("15 to 60");
    assertThatThrownBy(() -> new LeaseSettings(s(61), s(10), s(2)))
        .hasMessageContaining("15 to 60");
    assertThatThrownBy(() -> new LeaseSettings(s(15.5), s(10), s(2)))
        .hasMessageContaining("whole seconds");
  }

  @Test
  void renewDeadlineMustEndBeforeTheLeaseAndAfterARetry() {
    assertThatThrownBy(() -> new LeaseSettings(s(15), s(15), s(2)))
        .hasMessageContaining("shorter than the lease duration");
    assertThatThrownBy(() -> new LeaseSettings(s(15), s(2), s(2)))
        .hasMessageContaining("longer than the retry period");
    assertThatThrownBy(() -> new LeaseSettings(s(15), s(10), Duration.ZERO))
        .hasMessageContaining("retry period must be positive");
  }
}
