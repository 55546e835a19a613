package com.arcal.controller.budget;

import java.time.Duration;
import java.time.Instant;

/**
 * Token bucket arithmetic for one kind of operation. Not thread-safe: {@link ArmBudget} guards
 * it. Invariant: {@code 0 <= tokens <= burst}; tokens accrue only after {@code refilledAt}, which
 * may lie in the future while a throttle pause lasts.
 */
final class TokenBucket {
  private static final double NANOS_PER_SECOND = 1e9;

  private final int burst;
  private final double perNano;
  private double tokens;
  private Instant refilledAt;
  private Instant pausedUntil;

  TokenBucket(BudgetSettings.Bucket size, Instant now) {
    this.burst = size.burst();
    this.perNano = size.perSecond() / NANOS_PER_SECOND;
    this.tokens = burst;
    this.refilledAt = now;
    this.pausedUntil = now;
  }

  /** Takes one token if one is usable now. */
  boolean tryTake(Instant now) {
    refill(now);
    if (now.isBefore(pausedUntil) || tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }

  /** How long until a token is usable, ignoring other waiters. */
  Duration timeToToken(Instant now) {
    refill(now);
    Duration pause = now.isBefore(pausedUntil) ? Duration.between(now, pausedUntil) : Duration.ZERO;
    if (tokens >= 1) {
      return pause;
    }
    Instant accruesFrom = refilledAt.isAfter(now) ? refilledAt : now;
    long nanos = (long) Math.ceil((1 - tokens) / perNano);
    Duration refill = Duration.between(now, accruesFrom).plusNanos(nanos);
    return refill.compareTo(pause) > 0 ? refill : pause;
  }

  /**
   * After a 429 nothing goes until {@code until}; then at most one request (the retry) may go and
   * the bucket refills at its normal rate, instead of a full burst that would be throttled again.
   */
  void pause(Instant now, Instant until) {
    refill(now);
    if (until.isAfter(pausedUntil)) {
      pausedUntil = until;
      tokens = Math.min(tokens, 1);
      refilledAt = until;
    }
  }

  /** The server says fewer requests remain than we think: believe it. */
  void lowerTo(Instant now, long remaining) {
    refill(now);
    tokens = Math.max(0, Math.min(tokens, remaining));
  }

  double available(Instant now) {
    refill(now);
    return now.isBefore(pausedUntil) ? 0 : tokens;
  }

  private void refill(Instant now) {
    if (!now.isAfter(refilledAt)) {
      return; // also covers a clock that stepped back: never add tokens for negative time
    }
    long elapsed = Duration.between(refilledAt, now).toNanos();
    tokens = Math.min(burst, tokens + elapsed * perNano);
    refilledAt = now;
  }
}
