package com.arcal.controller.heal;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.controller.fake.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PartitionDetectorTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final PartitionDetector detector = new PartitionDetector(HealSettings.defaults(), clock);

  private void fleetOf(int n) {
    IntStream.range(0, n).forEach(i -> detector.reachable("app-" + i));
  }

  @Test
  void manyUnreachableAtOnce_whileArmSaysHealthy_isAPartition_untilTheyAnswerAgain() {
    fleetOf(10);
    for (int i = 0; i < 3; i++) {
      detector.unreachable("app-" + i);
    }
    assertThat(detector.partitioned()).as("3 of 10: over 2 and over 20%, but not confirmed by ARM").isFalse();
    assertThat(detector.claimSample("app-0")).isTrue();
    assertThat(detector.claimSample("app-1")).isTrue();
    assertThat(detector.claimSample("app-2")).as("two reads in flight are enough").isFalse();

    detector.armSays("app-0", true);
    assertThat(detector.partitioned()).isFalse();
    detector.armSays("app-1", true);
    assertThat(detector.partitioned()).isTrue();
    assertThat(detector.claimSample("app-2")).as("no more ARM reads once declared").isFalse();

    detector.reachable("app-0");
    assertThat(detector.partitioned()).as("2 of 10 left: not over the minimum").isFalse();
  }

  @Test
  void aFewUnreachable_isNoPartition_evenIfArmSaysHealthy() {
    fleetOf(20);
    detector.unreachable("app-0");
    detector.unreachable("app-1");
    detector.armSays("app-0", true);
    detector.armSays("app-1", true);
    assertThat(detector.partitioned()).isFalse();
    assertThat(detector.claimSample("app-0")).isFalse();
  }

  @Test
  void aFailedSample_letsAnotherEngineBeAsked() {
    fleetOf(10);
    IntStream.range(0, 4).forEach(i -> detector.unreachable("app-" + i));
    assertThat(detector.claimSample("app-0")).isTrue();
    assertThat(detector.claimSample("app-1")).isTrue();
    detector.sampleFailed("app-0");
    assertThat(detector.claimSample("app-0")).as("once per outage").isFalse();
    assertThat(detector.claimSample("app-2")).isTrue();
  }

  @Test
  void manyUnreachable_thatArmSaysAreBroken_isNoPartition() {
    fleetOf(10);
    IntStream.range(0, 5).forEach(i -> detector.unreachable("app-" + i));
    IntStream.range(0, 5).forEach(i -> detector.armSays("app-" + i, false));
    assertThat(detector.partitioned()).isFalse();
  }

  @Test
  void outagesSpreadOverMoreThanAMinute_areNoPartition() {
    fleetOf(10);
    for (int i = 0; i < 4; i++) {
      detector.unreachable("app-" + i);
      clock.advance(Duration.ofSeconds(40));
    }
    assertThat(detector.claimSample("app-3")).as("only 2 became unreachable within the last minute").isFalse();
    detector.armSays("app-2", true);
    detector.armSays("app-3", true);
    assertThat(detector.partitioned()).isFalse();
  }

  @Test
  void enginesThatNeverAnswered_doNotCount() {
    fleetOf(3);
    IntStream.range(0, 10).forEach(i -> detector.unreachable("new-" + i));
    assertThat(detector.unreachable()).isZero();
    assertThat(detector.known()).isEqualTo(3);
  }
}
