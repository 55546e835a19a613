package com.arcal.controller.reconcile.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollPacingTest {
  private final PollPacing pacing = new PollPacing(Duration.ofMillis(250), 1);

  @Test
  void aCheapPollComesEveryInterval() {
    assertThat(pacing.after(1, false)).isEqualTo(Duration.ofMillis(250));
    assertThat(pacing.idle()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void anExpensivePollIsSpacedToHalfOfArmsReadRate() {
    // 10 pages of LIST at 12.5 reads/s
    assertThat(pacing.after(10, false)).isEqualTo(Duration.ofMillis(800));
    assertThat(pacing.after(10, true)).as("never faster than the read rate").isEqualTo(Duration.ofMillis(800));
  }

  @Test
  void readsSpreadOverSeveralSubscriptions_arePacedByAllTheirBuckets() {
    // 100 pages of LIST over 5 subscriptions: 20 reads from each bucket, at 12.5 reads/s each
    assertThat(new PollPacing(Duration.ofMillis(250), 5).after(100, false)).isEqualTo(Duration.ofMillis(1600));
    assertThat(pacing.after(100, false)).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void aWaveOfEndingOperationsIsFollowedAsSoonAsTheReadRateAllows() {
    assertThat(pacing.after(1, true)).isEqualTo(Duration.ofMillis(80));
  }
}
