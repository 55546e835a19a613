package com.arcal.emulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff =
      new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1));

  @Test
  void delay_doublesPerConsecutiveCrash_upToTheMaximum() {
    assertThat(backoff.delay(0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.delay(3)).isEqualTo(Duration.ofSeconds(8));
    assertThat(backoff.delay(4)).isEqualTo(Duration.ofSeconds(10));
    assertThat(backoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void zeroBase_staysZero() {
    assertThat(new Backoff(Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO).delay(1_000_000))
        .isZero();
  }

  @Test
  void resets_onceTheReplicaRanForResetAfter() {
    assertThat(backoff.resets(Duration.ofSeconds(59))).isFalse();
    assertThat(backoff.resets(Duration.ofMinutes(1))).isTrue();
  }

  @Test
  void rejects_aMaximumBelowTheBase() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
