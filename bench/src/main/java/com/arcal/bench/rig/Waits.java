package com.arcal.bench.rig;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Polling until something holds. A benchmark measures time, so it waits by looking often. */
public final class Waits {
  private Waits() {}

  /**
   * Looks at {@code condition} every {@code every} until it holds; returns the nanoTime at which it
   * was seen to hold.
   *
   * @throws IllegalStateException after {@code timeout}, naming {@code what}
   */
  public static long until(String what, BooleanSupplier condition, Duration every, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (condition.getAsBoolean()) {
        return System.nanoTime();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      LockSupport.parkNanos(every.toNanos());
    }
  }

  /** Lets {@code duration} pass (the bench's measuring windows). */
  public static void pause(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    long left;
    while ((left = end - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
  }

  public static double seconds(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1e9;
  }

  public static double millis(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1e6;
  }
}
