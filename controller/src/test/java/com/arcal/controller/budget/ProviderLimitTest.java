package com.arcal.controller.budget;

import static com.arcal.controller.budget.ArmOperation.READ;
import static com.arcal.controller.budget.ArmOperation.WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.controller.fake.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A resource provider's own count ({@code x-ms-ratelimit-remaining-subscription-resource-requests})
 * slows the kind it limits down before the provider refuses. Writes here have a large ARM bucket
 * refilling at 10 per second (100 ms a token), so only the provider's count can slow them.
 */
class ProviderLimitTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final ArmBudget budget =
      new ArmBudget(
          new BudgetSettings(
              new BudgetSettings.Bucket(1000, 25),
              new BudgetSettings.Bucket(1000, 10),
              new BudgetSettings.Bucket(1000, 10),
              Duration.ofSeconds(2)),
          clock);

  private int drain(ArmOperation kind) throws InterruptedException {
    return ArmBudgetTest.drain(budget, kind);
  }

  @Test
  void beforeTheProviderSaysAnything_nothingChanges() throws Exception {
    assertThat(budget.providerRemaining(WRITE)).isEqualTo(-1);
    assertThat(drain(WRITE)).isEqualTo(1000);
  }

  @Test
  void aboveTheReserve_requestsGoAtOnce_andAreCountedDown() throws Exception {
    budget.onProviderRemaining(WRITE, 99); // the limit is learned: 100, reserve 20

    for (int i = 0; i < 79; i++) {
      assertThat(budget.acquire(WRITE, Duration.ZERO)).as("request %d", i).isTrue();
    }

    assertThat(budget.providerRemaining(WRITE)).isEqualTo(20);
    assertThat(budget.acquire(READ, Duration.ZERO)).as("other kinds unaffected").isTrue();
  }

  @Test
  void belowTheReserve_requestsAreSpacedTheWiderTheLessRemains() throws Exception {
    budget.onProviderRemaining(WRITE, 19); // limit 20, reserve 4
    assertThat(drain(WRITE)).as("down to the reserve without waiting").isEqualTo(15);

    List<Duration> spacings = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Duration wait = budget.retryDelay(WRITE);
      spacings.add(wait);
      clock.advance(wait.minusNanos(1));
      assertThat(budget.acquire(WRITE, Duration.ZERO)).as("not before its slot").isFalse();
      clock.advance(Duration.ofNanos(1));
      assertThat(budget.acquire(WRITE, Duration.ZERO)).as("at its slot").isTrue();
    }

    // 100 ms a token x reserve 4 / remaining (4, 3, 2, 1, then twice as long at 0).
    assertThat(spacings)
        .extracting(Duration::toMillis)
        .startsWith(100L, 133L, 200L, 400L, 800L, 800L);
  }

  @Test
  void aLaterReport_thatTheProviderRefilled_liftsThePace() throws Exception {
    budget.onProviderRemaining(WRITE, 19);
    drain(WRITE);
    assertThat(budget.acquire(WRITE, Duration.ZERO)).isFalse();

    budget.onProviderRemaining(WRITE, 19);

    assertThat(drain(WRITE)).isEqualTo(15);
  }

  @Test
  void refusedCallersQueueAtTheProvidersPace_notTheBucketsRefill() throws Exception {
    budget.onProviderRemaining(WRITE, 9); // limit 10, reserve 2
    drain(WRITE);
    budget.onProviderRemaining(WRITE, 0);

    Duration first = budget.retryDelay(WRITE);
    Duration second = budget.retryDelay(WRITE);

    // With nothing left, 100 ms x 2 / 0.5 between requests: refused callers are spaced as much.
    assertThat(second.minus(first)).isEqualTo(Duration.ofMillis(400));
  }
}
