package com.arcal.controller.queue;

import static com.arcal.controller.queue.BackoffTest.fixed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Eight workers, four producers: no key twice at once, no add lost. */
class RateLimitingWorkQueueConcurrencyTest {
  private static final int KEYS = 50;

  @Test
  void underContention_noKeyIsHeldTwice_andEveryAddIsFollowedByAPass() throws Exception {
    RateLimitingWorkQueue<Integer> queue =
        new RateLimitingWorkQueue<>(
            new Backoff(Duration.ofMillis(1), Duration.ofMillis(4), 0), fixed(0), QueueListener.NONE);
    Map<Integer, AtomicLong> latest = new ConcurrentHashMap<>();
    Map<Integer, AtomicLong> seen = new ConcurrentHashMap<>();
    Map<Integer, AtomicBoolean> held = new ConcurrentHashMap<>();
    for (int k = 0; k < KEYS; k++) {
      latest.put(k, new AtomicLong());
      seen.put(k, new AtomicLong(-1));
      held.put(k, new AtomicBoolean());
    }
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger passes = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        workers.add(
            pool.submit(
                () -> {
                  Optional<Integer> key;
                  while ((key = queue.take(Duration.ofSeconds(30))).isPresent()) {
                    int k = key.get();
                    if (!held.get(k).compareAndSet(false, true)) {
                      overlaps.incrementAndGet();
                    }
                    seen.get(k).set(latest.get(k).get()); // level-based: read the latest state
                    passes.incrementAndGet();
                    if (passes.get() % 7 == 0) {
                      queue.addRateLimited(k); // some passes "fail" and retry later
                    } else {
                      queue.forget(k);
                    }
                    held.get(k).set(false);
                    queue.done(k);
                  }
                  return null;
                }));
      }
      List<Future<?>> producers = new ArrayList<>();
      for (int p = 0; p < 4; p++) {
        int producer = p;
        producers.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 5_000; i++) {
                    int k = (i * 31 + producer) % KEYS;
                    latest.get(k).incrementAndGet();
                    queue.add(k);
                  }
                  return null;
                }));
      }
      for (Future<?> p : producers) {
        p.get(30, TimeUnit.SECONDS);
      }
      // An add lost while its key was held would leave that key behind its last add for good.
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                for (int k = 0; k < KEYS; k++) {
                  assertThat(seen.get(k).get())
                      .as("key %d saw its last add", k)
                      .isEqualTo(latest.get(k).get());
                }
                assertThat(queue.depth()).as("nothing left queued").isZero();
              });
      queue.shutDown();
      for (Future<?> w : workers) {
        w.get(10, TimeUnit.SECONDS); // rethrows anything a worker threw
      }

      assertThat(overlaps).hasValue(0);
      assertThat(passes.get()).as("bursts collapsed").isLessThan(20_000);
    } finally {
      queue.shutDown();
      pool.shutdown();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }
}
