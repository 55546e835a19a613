package com.arcal.controller.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.controller.fake.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Eight workers hammering one budget never get more than the budget allows. */
class ArmBudgetConcurrencyTest {
  private static final BudgetSettings.Bucket WRITES = new BudgetSettings.Bucket(20, 10);

  private static BudgetSettings settings(BudgetSettings.Bucket writes) {
    BudgetSettings d = BudgetSettings.defaults();
    return new BudgetSettings(d.reads(), writes, d.deletes(), d.defaultRetryAfter());
  }

  @Test
  void overASimulatedWindow_grantsAreExactlyBurstPlusRefill() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    ArmBudget budget = new ArmBudget(settings(WRITES), clock);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong granted = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        workers.add(
            pool.submit(
                () -> {
                  while (running.get()) {
                    if (budget.acquire(ArmOperation.WRITE, Duration.ZERO)) {
                      granted.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      // 60 simulated seconds in steps of 50 ms; each step waits until the workers took it all.
      for (int step = 0; step < 1_200; step++) {
        while (budget.available(ArmOperation.WRITE) >= 1) {
          Thread.onSpinWait();
        }
        clock.advance(Duration.ofMillis(50));
      }
      while (budget.available(ArmOperation.WRITE) >= 1) {
        Thread.onSpinWait();
      }
      running.set(false);
      for (Future<?> f : workers) {
        f.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(granted.get()).isEqualTo(20 + 60 * 10);
    assertThat(budget.counters(ArmOperation.WRITE).granted()).isEqualTo(granted.get());
  }

  @Test
  void blockingWorkers_onTheRealClock_neverExceedTheBudget() throws Exception {
    ArmBudget budget = new ArmBudget(settings(new BudgetSettings.Bucket(10, 200)), Clock.systemUTC());
    AtomicLong granted = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    long start = System.nanoTime();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 15; i++) {
                    if (budget.acquire(ArmOperation.WRITE, Duration.ofSeconds(5))) {
                      granted.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : workers) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    double elapsedSeconds = (System.nanoTime() - start) / 1e9;

    assertThat(granted.get()).isEqualTo(120);
    // 120 tokens from a bucket of 10 refilled at 200/s take at least 110 / 200 s.
    assertThat(elapsedSeconds).isGreaterThanOrEqualTo(0.5);
    assertThat(granted.get()).isLessThanOrEqualTo(10 + (long) Math.ceil(200 * elapsedSeconds));
  }
}
