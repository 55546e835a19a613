package com.arcal.controller.budget;

import static com.arcal.controller.budget.ArmOperation.DELETE;
import static com.arcal.controller.budget.ArmOperation.READ;
import static com.arcal.controller.budget.ArmOperation.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.arcal.controller.fake.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The wait until the next token is observed through {@link ArmBudget#retryDelay}: the first
 * refused caller's slot is exactly that wait (later callers queue behind it).
 */
class ArmBudgetTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  private final BudgetSettings settings =
      new BudgetSettings(
          new BudgetSettings.Bucket(20, 5),
          new BudgetSettings.Bucket(4, 2),
          new BudgetSettings.Bucket(4, 2),
          Duration.ofSeconds(2));
  private final ArmBudget budget = new ArmBudget(settings, clock);

  private int drain(ArmOperation kind) throws InterruptedException {
    return drain(budget, kind);
  }

  /** Takes every token of this kind that is usable now, without waiting; returns how many. */
  static int drain(ArmBudget budget, ArmOperation kind) throws InterruptedException {
    int n = 0;
    while (budget.acquire(kind, Duration.ZERO)) {
      n++;
    }
    return n;
  }

  @Test
  void defaults_areArmsBuckets() {
    BudgetSettings d = BudgetSettings.defaults();
    assertThat(d.reads()).isEqualTo(new BudgetSettings.Bucket(250, 25));
    assertThat(d.writes()).isEqualTo(new BudgetSettings.Bucket(200, 10));
    assertThat(d.deletes()).isEqualTo(new BudgetSettings.Bucket(200, 10));
  }

  @Test
  void theTakeThatLeavesAFullBucket_holdsRefillUntilItsRequestIsAnswered() throws Exception {
    ArmBudget.Grant first = budget.take(WRITE, Duration.ZERO).orElseThrow();
    for (int i = 0; i < 3; i++) {
      ArmBudget.Grant later = budget.take(WRITE, Duration.ZERO).orElseThrow();
      budget.answered(later); // later requests answered first: they release nothing
    }
    clock.advance(TokenBucket.HOLD_LIMIT.minusMillis(100));
    assertThat(drain(WRITE)).as("ARM may not have seen the first request arrive yet").isZero();

    budget.answered(first);
    clock.advance(Duration.ofMillis(499));
    assertThat(drain(WRITE)).isZero();
    clock.advance(Duration.ofMillis(1));
    assertThat(drain(WRITE)).as("refill counted from the answer").isEqualTo(1);
  }

  @Test
  void aHoldWhoseAnswerNeverComes_lapses() throws Exception {
    budget.take(WRITE, Duration.ZERO).orElseThrow();
    drain(WRITE);

    clock.advance(TokenBucket.HOLD_LIMIT.minusMillis(1));
    assertThat(drain(WRITE)).isZero();
    clock.advance(Duration.ofMillis(501));
    assertThat(drain(WRITE)).as("refill counted from the lapse").isEqualTo(1);
  }

  @Test
  void onlyATakeFromFull_opensAHold() throws Exception {
    assertThat(drain(WRITE)).isEqualTo(4); // acquire answers at once: refill runs from each take
    clock.advance(Duration.ofMillis(500));
    ArmBudget.Grant notFromFull = budget.take(WRITE, Duration.ZERO).orElseThrow();

    assertThat(notFromFull.hold()).isEqualTo(TokenBucket.NO_HOLD);
    clock.advance(Duration.ofMillis(500));
    assertThat(drain(WRITE)).as("refill runs while that request is out").isEqualTo(1);
  }

  @Test
  void aFullBucket_givesItsBurst_thenRefillsAtItsRate() throws Exception {
    assertThat(drain(WRITE)).isEqualTo(4);
    assertThat(budget.retryDelay(WRITE)).isEqualTo(Duration.ofMillis(500));

    clock.advance(Duration.ofMillis(499));
    assertThat(drain(WRITE)).isZero();
    clock.advance(Duration.ofMillis(1));
    assertThat(drain(WRITE)).isEqualTo(1);
    clock.advance(Duration.ofSeconds(10));
    assertThat(drain(WRITE)).as("never more than the burst").isEqualTo(4);
  }

  @Test
  void kindsHaveSeparateBuckets() throws Exception {
    drain(WRITE);

    assertThat(budget.acquire(READ, Duration.ZERO)).isTrue();
    assertThat(budget.acquire(DELETE, Duration.ZERO)).isTrue();
  }

  @Test
  void acquire_givesUpAtOnce_whenNoTokenCanComeInTime() throws Exception {
    drain(WRITE);

    assertThat(budget.acquire(WRITE, Duration.ofMillis(400))).isFalse();
    assertThat(budget.counters(WRITE).denied()).isEqualTo(2); // the drain's last try, and this one
  }

  @Test
  void acquire_waitsForTheRefill_andCountsTheWait() throws Exception {
    drain(WRITE);
    CountDownLatch granted = new CountDownLatch(1);
    Thread worker =
        new Thread(
            () -> {
              try {
                if (budget.acquire(WRITE, Duration.ofSeconds(5))) {
                  granted.countDown();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    worker.start();

    assertThat(granted.await(50, TimeUnit.MILLISECONDS)).as("no token before the clock moves").isFalse();
    clock.advance(Duration.ofMillis(500));

    assertThat(granted.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(budget.counters(WRITE).granted()).isEqualTo(5);
    assertThat(budget.counters(WRITE).waited()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void budgetsSharingAWaitingRoom_letOneCallerWait_andRefuseTheNextAtOnce() throws Exception {
    Semaphore room = new Semaphore(1);
    ArmBudget first = new ArmBudget(settings, clock, room);
    ArmBudget second = new ArmBudget(settings, clock, room);
    drain(first, WRITE);
    drain(second, WRITE);
    CountDownLatch waiting = new CountDownLatch(1);
    CountDownLatch granted = new CountDownLatch(1);
    Thread worker =
        new Thread(
            () -> {
              try {
                waiting.countDown();
                if (first.acquire(WRITE, Duration.ofSeconds(5))) {
                  granted.countDown();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    worker.start();
    waiting.await();
    await().atMost(Duration.ofSeconds(5)).until(() -> room.availablePermits() == 0);

    // The other subscription's token is as near, but its caller finds no seat: refused at once.
    long deniedBefore = second.counters(WRITE).denied();
    assertThat(second.acquire(WRITE, Duration.ofSeconds(5))).isFalse();
    assertThat(second.counters(WRITE).denied()).isEqualTo(deniedBefore + 1);

    clock.advance(Duration.ofMillis(500));
    assertThat(granted.await(5, TimeUnit.SECONDS)).isTrue();
    worker.join(5_000);
    assertThat(room.availablePermits()).as("the seat is given back").isEqualTo(1);
    assertThat(second.acquire(WRITE, Duration.ofSeconds(5))).as("now it may wait, and its token is due").isTrue();
  }

  @Test
  void aWaitingAcquire_isInterruptible() throws Exception {
    drain(WRITE);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    Thread worker =
        new Thread(
            () -> {
              try {
                budget.acquire(WRITE, Duration.ofSeconds(5));
              } catch (InterruptedException e) {
                thrown.set(e);
              }
              done.countDown();
            });
    worker.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> worker.getState() == Thread.State.TIMED_WAITING);

    worker.interrupt();

    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
  }

  @Test
  void a429_emptiesThatKindForEveryone_untilRetryAfter_whileItRefillsAsArmsDoes() throws Exception {
    budget.onThrottled(WRITE, Duration.ofSeconds(30));

    assertThat(budget.acquire(WRITE, Duration.ofSeconds(29))).isFalse();
    assertThat(budget.retryDelay(WRITE)).isEqualTo(Duration.ofSeconds(30));
    assertThat(budget.acquire(READ, Duration.ZERO)).as("other kinds unaffected").isTrue();

    clock.advance(Duration.ofSeconds(30));
    assertThat(drain(WRITE)).as("what 30 s added, up to the burst").isEqualTo(4);
    clock.advance(Duration.ofMillis(500));
    assertThat(drain(WRITE)).isEqualTo(1);
    assertThat(budget.counters(WRITE).throttled()).isEqualTo(1);
  }

  @Test
  void afterA429_refusedCallersComeBackAsTokensAccrue() throws Exception {
    assertThat(budget.acquire(WRITE, Duration.ZERO)).isTrue();
    budget.onThrottled(WRITE, Duration.ofSeconds(1));

    // Writes refill at 2/s, during the second of Retry-After too: two callers may go when it
    // ends, not one and the next half a second later, which would lose a token for good.
    assertThat(budget.retryDelay(WRITE)).isEqualTo(Duration.ofSeconds(1));
    assertThat(budget.retryDelay(WRITE)).isEqualTo(Duration.ofSeconds(1));
    assertThat(budget.retryDelay(WRITE)).isEqualTo(Duration.ofMillis(1500));
    clock.advance(Duration.ofSeconds(1));
    assertThat(drain(WRITE)).isEqualTo(2);
  }

  @Test
  void a429_endsAnOpenHold_refillCountsFromIt() throws Exception {
    budget.take(WRITE, Duration.ZERO).orElseThrow(); // from full: opens a hold, never answered
    budget.onThrottled(WRITE, Duration.ofSeconds(1));

    clock.advance(Duration.ofSeconds(1));
    assertThat(drain(WRITE)).as("2/s since the 429, not since the hold's lapse").isEqualTo(2);
  }

  @Test
  void a429WithoutRetryAfter_pausesForTheDefault() {
    budget.onThrottled(DELETE, null);
    budget.onThrottled(READ, Duration.ZERO);

    assertThat(budget.retryDelay(DELETE)).isEqualTo(Duration.ofSeconds(2));
    assertThat(budget.retryDelay(READ)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aShorterLaterRetryAfter_doesNotShortenThePause() {
    budget.onThrottled(WRITE, Duration.ofSeconds(30));
    budget.onThrottled(WRITE, Duration.ofSeconds(1));

    assertThat(budget.retryDelay(WRITE)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void theServersRemainingCount_lowersOurs_butNeverRaisesIt() throws Exception {
    budget.onRemaining(READ, 3);
    assertThat(budget.available(READ)).isEqualTo(3);

    budget.onRemaining(READ, 12_000);
    assertThat(budget.available(READ)).isEqualTo(3);
    assertThat(drain(READ)).isEqualTo(3);

    budget.onRemaining(READ, 0);
    assertThat(budget.retryDelay(READ)).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void aClockThatStepsBack_addsNoTokens() throws Exception {
    drain(WRITE);
    clock.advance(Duration.ofHours(-1));

    assertThat(drain(WRITE)).isZero();
  }

  @Test
  void settingsAreValidated() {
    assertThatThrownBy(() -> new BudgetSettings.Bucket(0, 1)).hasMessageContaining("burst");
    assertThatThrownBy(() -> new BudgetSettings.Bucket(1, 0)).hasMessageContaining("refill");
  }

  @Test
  void refusedCallersGetRetrySlotsSpacedAtTheRefillRate() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      assertThat(budget.acquire(ArmOperation.WRITE, Duration.ZERO)).isTrue();
    }
    assertThat(budget.acquire(ArmOperation.WRITE, Duration.ZERO)).isFalse();

    // Writes refill at 2/s: the next token is 500 ms away, and each refused caller queues 500 ms
    // behind the one before instead of all coming back together.
    assertThat(budget.retryDelay(ArmOperation.WRITE)).isEqualTo(Duration.ofMillis(500));
    assertThat(budget.retryDelay(ArmOperation.WRITE)).isEqualTo(Duration.ofMillis(1000));
    assertThat(budget.retryDelay(ArmOperation.WRITE)).isEqualTo(Duration.ofMillis(1500));
    assertThat(budget.retryDelay(ArmOperation.READ)).isZero();
  }
}
