package com.arcal.engine.sale;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A sale transition that hangs until closed, as a deadlocked one would; for tests. */
public final class StuckTransition implements AutoCloseable {

  private final CountDownLatch release = new CountDownLatch(1);
  private final Thread holder;

  private StuckTransition(EngineState state) throws InterruptedException {
    CountDownLatch holding = new CountDownLatch(1);
    holder = new Thread(() -> state.underLock(() -> {
      holding.countDown();
      awaitQuietly(release);
      return null;
    }), "stuck-transition");
    holder.start();
    holding.await();
  }

  /** Returns once the transition holds the sale. */
  public static StuckTransition in(EngineState state) throws InterruptedException {
    return new StuckTransition(state);
  }

  @Override
  public void close() throws InterruptedException {
    release.countDown();
    holder.join(TimeUnit.SECONDS.toMillis(5));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
