package com.arcal.controller.queue;

import static com.arcal.controller.queue.BackoffTest.fixed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimitingWorkQueueTest {
  private static final Duration NOW = Duration.ZERO;
  private static final Duration LONG = Duration.ofSeconds(5);

  private final Metrics metrics = new Metrics();
  private final RateLimitingWorkQueue<String> queue =
      new RateLimitingWorkQueue<>(
          new Backoff(Duration.ofMillis(5), Duration.ofMillis(40), 0.5), fixed(0), metrics);

  static final class Metrics implements QueueListener {
    final AtomicInteger added = new AtomicInteger();
    final List<Duration> retries = new CopyOnWriteArrayList<>();
    final AtomicInteger taken = new AtomicInteger();
    final AtomicInteger finished = new AtomicInteger();

    @Override
    public void added() {
      added.incrementAndGet();
    }

    @Override
    public void retried(Duration backoff) {
      retries.add(backoff);
    }

    @Override
    public void taken(Duration timeInQueue) {
      assertThat(timeInQueue.isNegative()).isFalse();
      taken.incrementAndGet();
    }

    @Override
    public void finished(Duration processing) {
      finished.incrementAndGet();
    }
  }

  @AfterEach
  void shutDown() {
    queue.shutDown();
  }

  private String take() throws InterruptedException {
    return queue.take(LONG).orElseThrow();
  }

  @Test
  void manyAddsOfOneKey_beforeATake_collapseIntoOnePass() throws Exception {
    for (int i = 0; i < 100; i++) {
      queue.add("a");
    }

    assertThat(queue.depth()).isEqualTo(1);
    assertThat(take()).isEqualTo("a");
    assertThat(queue.take(NOW)).isEmpty();
    assertThat(metrics.added).hasValue(1);
  }

  @Test
  void lowPriorityKeys_waitBehindNormalAdds_inFifoOrderWithinEachLine() throws Exception {
    for (String k : List.of("r1", "r2", "r3")) {
      queue.addLowPriority(k);
    }
    queue.add("change");
    queue.add("health");

    List<String> order = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String k = take();
      order.add(k);
      queue.done(k);
    }
    assertThat(order).containsExactly("change", "health", "r1", "r2", "r3");
    assertThat(metrics.added).hasValue(5);
  }

  @Test
  void highPriorityKeys_goFirst_andAnyAddMovesAKeyOnlyUp() throws Exception {
    queue.addLowPriority("resync");
    queue.add("creation-1");
    queue.add("creation-2");
    queue.addHighPriority("provisioned");
    queue.addHighPriority("creation-2"); // moved up from the normal line
    queue.add("provisioned"); // never down
    queue.addLowPriority("provisioned");

    assertThat(queue.depth()).isEqualTo(4);
    List<String> order = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      order.add(take());
    }
    assertThat(order).containsExactly("provisioned", "creation-2", "creation-1", "resync");
  }

  @Test
  void aNormalAdd_movesAPendingLowPriorityKeyUp_once() throws Exception {
    queue.addLowPriority("r1");
    queue.addLowPriority("r2");
    queue.add("r2");
    queue.add("r2");

    assertThat(queue.depth()).isEqualTo(2);
    assertThat(take()).isEqualTo("r2");
    assertThat(take()).isEqualTo("r1");
    assertThat(queue.take(NOW)).isEmpty();
  }

  @Test
  void aLowPriorityAdd_neverDemotesAKeyAlreadyInTheNormalLine() throws Exception {
    queue.addLowPriority("r1");
    queue.add("change");
    queue.addLowPriority("change");

    assertThat(take()).isEqualTo("change");
    assertThat(take()).isEqualTo("r1");
  }

  @Test
  void aKeyAddedLowWhileProcessing_comesBackInTheLowLine() throws Exception {
    queue.add("a");
    assertThat(take()).isEqualTo("a");
    queue.addLowPriority("a");
    queue.addLowPriority("r");
    queue.add("b");
    queue.done("a");

    assertThat(take()).isEqualTo("b");
    assertThat(take()).isEqualTo("r");
    assertThat(take()).isEqualTo("a");
  }

  @Test
  void aLowPriorityAdd_pullsADelayedKeyForward() throws Exception {
    queue.addAfter("a", LONG);
    queue.addLowPriority("a");

    assertThat(queue.take(Duration.ofMillis(200))).contains("a");
  }

  @Test
  void aKeyAddedWhileProcessing_isNotHandedToASecondWorker_butComesBackAfterDone() throws Exception {
    queue.add("a");
    String held = take();

    queue.add("a");
    queue.add("a");

    assertThat(queue.take(Duration.ofMillis(20))).as("a second worker gets nothing").isEmpty();
    queue.done(held);
    assertThat(take()).isEqualTo("a");
    queue.done("a");
    assertThat(queue.take(NOW)).isEmpty();
  }

  @Test
  void keysAreServedFirstInFirstOut_soAHotKeyCannotStarveOthers() throws Exception {
    queue.add("hot");
    queue.add("a");
    queue.add("b");
    queue.add("c");
    List<String> served = new ArrayList<>();

    for (int i = 0; i < 9; i++) {
      String key = take();
      served.add(key);
      queue.add("hot"); // the hot key is re-added on every pass, of every key
      queue.done(key);
    }

    assertThat(served).containsExactly("hot", "a", "b", "c", "hot", "hot", "hot", "hot", "hot");
  }

  @Test
  void addRateLimited_backsOffExponentially_upToTheCap_andForgetResets() {
    for (int i = 0; i < 5; i++) {
      queue.addRateLimited("a");
    }

    assertThat(metrics.retries)
        .extracting(Duration::toMillis)
        .containsExactly(5L, 10L, 20L, 40L, 40L);

    queue.forget("a");
    queue.addRateLimited("a");

    assertThat(metrics.retries.get(5)).isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void addRateLimited_countsFailuresPerKey_untilForget() {
    // No cap within reach: each delay tells how many failures the queue counted for its key.
    Metrics seen = new Metrics();
    try (RateLimitingWorkQueue<String> uncapped =
        new RateLimitingWorkQueue<>(
            new Backoff(Duration.ofMillis(1), Duration.ofHours(1), 0), fixed(0), seen)) {
      for (int i = 0; i < 5; i++) {
        uncapped.addRateLimited("a");
      }
      uncapped.addRateLimited("b");
      uncapped.forget("a");
      uncapped.addRateLimited("a");
      uncapped.addRateLimited("b");

      assertThat(seen.retries)
          .extracting(Duration::toMillis)
          .as("a: failures 1 to 5; b: 1; a after forget: 1; b: 2")
          .containsExactly(1L, 2L, 4L, 8L, 16L, 1L, 1L, 2L);
    }
  }

  @Test
  void aRateLimitedKey_comesBackAfterItsBackoff() throws Exception {
    long start = System.nanoTime();
    queue.addRateLimited("a");

    assertThat(take()).isEqualTo("a");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(5));
  }

  @Test
  void delayedAdds_comeOutInOrderOfTheirTime() throws Exception {
    queue.addAfter("late", Duration.ofMillis(30));
    queue.addAfter("soon", Duration.ofMillis(10));
    queue.add("now");

    assertThat(queue.depth()).isEqualTo(3);
    assertThat(List.of(take(), take(), take())).containsExactly("now", "soon", "late");
  }

  @Test
  void aDelayedKey_onceDue_goesAheadOfTheLowLine() throws Exception {
    long start = System.nanoTime();
    queue.addLowPriority("resync");
    queue.addAfter("creation", Duration.ofMillis(5));
    awaitElapsed(start, Duration.ofMillis(10));

    assertThat(List.of(take(), take())).containsExactly("creation", "resync");
  }

  private static void awaitElapsed(long startNanos, Duration elapsed) {
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1))
        .until(() -> System.nanoTime() - startNanos >= elapsed.toNanos());
  }

  @Test
  void theEarlierPendingAdd_wins() throws Exception {
    queue.addAfter("a", Duration.ofMinutes(10));
    queue.addAfter("a", Duration.ofMillis(5));
    queue.addAfter("b", Duration.ofMillis(5));
    queue.addAfter("b", Duration.ofMinutes(10));

    assertThat(queue.depth()).isEqualTo(2);
    assertThat(List.of(take(), take())).containsExactlyInAnyOrder("a", "b");
    assertThat(queue.depth()).isZero();
    assertThat(queue.take(Duration.ofMillis(20))).as("no stale second pass").isEmpty();
  }

  @Test
  void anAddNow_beatsAPendingDelayedAdd_andAQueuedKeyIgnoresDelays() throws Exception {
    queue.addAfter("a", Duration.ofMinutes(10));
    queue.add("a");
    queue.addAfter("a", Duration.ofMillis(1));

    assertThat(queue.depth()).isEqualTo(1);
    assertThat(queue.take(NOW)).contains("a");
  }

  @Test
  void take_waitsForADelayedKey_thatArrivesWhileBlocked() throws Exception {
    AtomicReference<Optional<String>> got = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    Thread worker =
        new Thread(
            () -> {
              try {
                got.set(queue.take(LONG));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              done.countDown();
            });
    worker.start();

    queue.addAfter("a", Duration.ofMillis(5));

    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(got.get()).contains("a");
  }

  @Test
  void shutDown_unblocksWaitingWorkers_andStopsHandingOutKeys() throws Exception {
    CountDownLatch returned = new CountDownLatch(3);
    List<Optional<String>> results = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 3; i++) {
      new Thread(
              () -> {
                try {
                  results.add(queue.take(Duration.ofMinutes(1)));
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                returned.countDown();
              })
          .start();
    }

    queue.shutDown();

    assertThat(returned.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(results).containsOnly(Optional.empty());
    queue.add("a");
    assertThat(queue.take(LONG)).isEmpty();
  }

  @Test
  void take_isInterruptible() {
    Thread.currentThread().interrupt();

    assertThatThrownBy(() -> queue.take(LONG)).isInstanceOf(InterruptedException.class);
  }

  @Test
  void take_returnsEmptyAfterItsTimeout() throws Exception {
    assertThat(queue.take(Duration.ofMillis(10))).isEmpty();
  }

  @Test
  void metricsHooks_seeAddsTakesAndFinishes() throws Exception {
    queue.add("a");
    queue.add("a");
    queue.addAfter("b", Duration.ofMillis(1));
    queue.done(take());
    queue.done(take());

    assertThat(metrics.added).hasValue(2);
    assertThat(metrics.taken).hasValue(2);
    assertThat(metrics.finished).hasValue(2);
    // Neither key is held any more: added again, both are handed out at once.
    queue.add("a");
    queue.add("b");
    assertThat(List.of(queue.take(NOW), queue.take(NOW)))
        .containsExactlyInAnyOrder(Optional.of("a"), Optional.of("b"));
  }
}
