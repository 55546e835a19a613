package com.arcal.emulator.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket on an injected clock: starts full with {@code capacity} tokens and refills
 * continuously at {@code refillPerSecond}. Thread-safe.
 */
public final class TokenBucket {

  /** The answer to one request for a token. */
  public record Take(boolean granted, long remaining, Duration retryAfter) {}

  private final Clock clock;
  private final double capacity;
  private final double refillPerSecond;
  // Invariant: 0 <= tokens <= capacity, as of lastRefill.
  private double tokens;
  private Instant lastRefill;

  public TokenBucket(Clock clock, long capacity, double refillPerSecond) {
    if (capacity < 1 || refillPerSecond <= 0) {
      throw new IllegalArgumentException(
          "bucket needs capacity >= 1 and a positive refill rate, got "
              + capacity
              + " / "
              + refillPerSecond);
    }
    this.clock = clock;
    this.capacity = capacity;
    this.refillPerSecond = refillPerSecond;
    this.tokens = capacity;
    this.lastRefill = clock.instant();
  }

  /** Takes one token if there is one; otherwise says how long until there will be. */
  public synchronized Take take() {
    refill();
    if (tokens >= 1) {
      tokens -= 1;
      return new Take(true, (long) Math.floor(tokens), Duration.ZERO);
    }
    double secondsToNext = (1 - tokens) / refillPerSecond;
    return new Take(false, 0, Duration.ofMillis((long) Math.ceil(secondsToNext * 1000)));
  }

  private void refill() {
    Instant now = clock.instant();
    if (now.isAfter(lastRefill)) {
      double elapsed = Duration.between(lastRefill, now).toNanos() / 1e9;
      tokens = Math.min(capacity, tokens + elapsed * refillPerSecond);
      lastRefill = now;
    }
  }
}
