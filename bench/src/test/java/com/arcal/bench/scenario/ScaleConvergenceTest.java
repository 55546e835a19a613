package com.arcal.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bounds the scale scenario holds its figures to. */
class ScaleConvergenceTest {

  @Test
  void bound_isArmsWriteBucket_plusTheLatency() {
    assertThat(ScaleConvergence.bound(2000, Duration.ofSeconds(2))).isEqualTo(182.0);
    assertThat(ScaleConvergence.bound(150, Duration.ofSeconds(13))).isEqualTo(13.0);
  }
}
