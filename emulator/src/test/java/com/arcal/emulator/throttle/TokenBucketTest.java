package com.arcal.emulator.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.emulator.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  @Test
  void grantsTheBurst_thenRefillsAtTheRate() {
    TestClock clock = TestClock.atEpochDay();
    TokenBucket bucket = new TokenBucket(clock, 2, 10);

    assertThat(bucket.take().remaining()).isEqualTo(1);
    assertThat(bucket.take().remaining()).isZero();
    TokenBucket.Take refused = bucket.take();
    assertThat(refused.granted()).isFalse();
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(100));

    clock.advance(Duration.ofMillis(100));
    assertThat(bucket.take().granted()).isTrue();
    clock.advance(Duration.ofHours(1));
    assertThat(bucket.take().remaining()).as("never above capacity").isEqualTo(1);
  }
}
