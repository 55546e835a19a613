package com.arcal.controller.queue;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Per-key retry delay: {@code base * 2^(failures-1)}, capped at {@code max}, then shortened by a
 * random share of up to {@code jitter} (so that keys failing together do not retry together, and
 * the cap is never exceeded).
 *
 * @param base delay after the first failure
 * @param max longest delay
 * @param jitter share of the delay that may be cut at random, in [0, 1)
 */
public record Backoff(Duration base, Duration max, double jitter) {
  public Backoff {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    if (base.isNegative() || base.isZero()) {
      throw new IllegalArgumentException("backoff base must be positive, was " + base);
    }
    if (max.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff max " + max + " is below its base " + base);
    }
    if (!(jitter >= 0 && jitter < 1)) {
      throw new IllegalArgumentException("backoff jitter must be in [0, 1), was " + jitter);
    }
  }

  /** client-go's defaults for controllers (5 ms .. 1000 s) are too slow to give up; ours. */
  public static Backoff defaults() {
    return new Backoff(Duration.ofMillis(500), Duration.ofMinutes(5), 0.2);
  }

  /** The delay before retry number {@code failures} (1 for the first retry). */
  public Duration delay(int failures, RandomGenerator random) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be >= 1, was " + failures);
    }
    long maxNanos = max.toNanos();
    long nanos = base.toNanos();
    for (int i = 1; i < failures && nanos < maxNanos; i++) {
      nanos = nanos > maxNanos / 2 ? maxNanos : nanos * 2;
    }
    nanos = Math.min(nanos, maxNanos);
    long cut = (long) (nanos * jitter * random.nextDouble());
    return Duration.ofNanos(nanos - cut);
  }
}
