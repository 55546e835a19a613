package com.arcal.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounds the scale scenario holds its figures to. */
class ScaleConvergenceTest {

  @Test
  void bound_isArmsWriteBucket_plusTheLatency() {
    assertThat(ScaleConvergence.bound(2000, Duration.ofSeconds(2))).isEqualTo(182.0);
    assertThat(ScaleConvergence.bound(150, Duration.ofSeconds(13))).isEqualTo(13.0);
  }

  @Test
  void readsPerResync_areEachEnvironmentsListPages_plusItsUsagesRead() {
    assertThat(ScaleConvergence.readsPerResyncBound(List.of(2000, 2000, 2000, 2000, 2000), 100)).isEqualTo(5 * 21);
    assertThat(ScaleConvergence.readsPerResyncBound(List.of(103, 101, 96), 100)).isEqualTo(8);
    assertThat(ScaleConvergence.readsPerResyncBound(List.of(2001), 100)).isEqualTo(22);
  }
}
