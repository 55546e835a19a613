package com.arcal.controller.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {
  /** A random source that always draws the same value. */
  static RandomGenerator fixed(double value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException("only nextDouble is drawn");
      }

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }

  private final Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofMillis(80), 0.5);

  @Test
  void doublesPerFailure_upToTheCap() {
    assertThat(IntStream.rangeClosed(1, 7).mapToObj(n -> backoff.delay(n, fixed(0)).toMillis()))
        .containsExactly(10L, 20L, 40L, 80L, 80L, 80L, 80L);
  }

  @Test
  void jitterOnlyShortensTheDelay_byAtMostItsShare() {
    assertThat(backoff.delay(1, fixed(0.5))).isEqualTo(Duration.ofMillis(10).minusNanos(2_500_000));
    assertThat(backoff.delay(9, fixed(0.999_999))).isGreaterThan(Duration.ofMillis(40));
    assertThat(backoff.delay(9, fixed(0.999_999))).isLessThanOrEqualTo(Duration.ofMillis(80));
  }

  @Test
  void aHugeFailureCount_doesNotOverflow() {
    assertThat(backoff.delay(Integer.MAX_VALUE, fixed(0))).isEqualTo(Duration.ofMillis(80));
  }

  @Test
  void settingsAreValidated() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0))
        .hasMessageContaining("base must be positive");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0))
        .hasMessageContaining("below its base");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.0))
        .hasMessageContaining("jitter");
  }
}
