package com.arcal.controller.budget;

import java.time.Duration;
import java.time.Instant;

/**
 * Token bucket arithmetic for one kind of operation. Not thread-safe: {@link ArmBudget} guards
 * it. Invariant: {@code 0 <= tokens <= burst}; tokens accrue only after {@code refilledAt}, and not
 * while a hold is open; none is handed out before {@code pausedUntil} (a 429's Retry-After), though
 * they accrue meanwhile, as ARM's do.
 *
 * <p>The hold: ARM's bucket starts refilling when the request that took it below full
 * <em>arrives</em>, ours when we take that token. Were that request slower on the wire than the
 * ones after it (the first of a burst opens a connection), we would count refill ARM has not
 * given yet, and a burst of ARM's exact size would meet a 429. So the take that leaves a full
 * bucket opens a hold, and refill starts when that request's answer is back ({@link #release}),
 * which is never before its arrival; or at {@link #HOLD_LIMIT} after the take, when the answer is
 * slower than that (a PUT that ARM validates for seconds).
 */
final class TokenBucket {
  private static final double NANOS_PER_SECOND = 1e9;
  /** Returned by {@link #tryTake} when no token is usable. */
  static final long NO_TOKEN = -1;
  /** Returned by {@link #tryTake} for a take that opened no hold. */
  static final long NO_HOLD = 0;
  /**
   * The longest a hold lasts: refill then counts from the lapse, assuming the request arrived
   * within that time of its take. An answer comes later than the arrival (a PUT is answered once
   * ARM and the provider have validated it), so waiting for it alone gives up that much refill on
   * every burst. Half a second covers every lag from take to arrival
   * measured here (6-150 ms with the emulator in process; up to 458 ms with it starved of CPU at
   * nice 19 during a burst of 300 spawns); on Azure it is a judgment, not a measurement. A longer
   * lag would let a few requests at the end of a long burst meet a 429, which the budget honours.
   * It also keeps a request lost without an answer from stopping the budget.
   */
  static final Duration HOLD_LIMIT = Duration.ofMillis(500);

  private final int burst;
  private final double perNano;
  private double tokens;
  private Instant refilledAt;
  private Instant pausedUntil;
  /** The open hold's number, or NO_HOLD; numbers grow so that a stale answer releases nothing. */
  private long hold = NO_HOLD;
  private long lastHold = NO_HOLD;
  private Instant holdLapsesAt;

  TokenBucket(BudgetSettings.Bucket size, Instant now) {
    this.burst = size.burst();
    this.perNano = size.perSecond() / NANOS_PER_SECOND;
    this.tokens = burst;
    this.refilledAt = now;
    this.pausedUntil = now;
  }

  /**
   * Takes one token if one is usable now.
   *
   * @return {@link #NO_TOKEN}; {@link #NO_HOLD}; or the number of the hold this take opened,
   *     to {@link #release} when its request is answered
   */
  long tryTake(Instant now) {
    refill(now);
    if (now.isBefore(pausedUntil) || tokens < 1) {
      return NO_TOKEN;
    }
    boolean wasFull = tokens >= burst && hold == NO_HOLD;
    tokens -= 1;
    if (!wasFull) {
      return NO_HOLD;
    }
    hold = ++lastHold;
    holdLapsesAt = now.plus(HOLD_LIMIT);
    return hold;
  }

  /** The request whose take opened hold {@code number} was answered (or failed) {@code now}. */
  void release(long number, Instant now) {
    if (number == NO_HOLD || number != hold) {
      return;
    }
    hold = NO_HOLD;
    if (now.isAfter(refilledAt)) {
      refilledAt = now; // nothing accrued while held
    }
  }

  /** How long until a token is usable, ignoring other waiters. */
  Duration timeToToken(Instant now) {
    return timeToTokens(now, 1);
  }

  /**
   * How long until {@code n} tokens will have been usable, if none is taken meanwhile: when the
   * n-th caller in line gets its token.
   */
  Duration timeToTokens(Instant now, int n) {
    refill(now);
    Duration pause = now.isBefore(pausedUntil) ? Duration.between(now, pausedUntil) : Duration.ZERO;
    if (tokens >= n) {
      return pause;
    }
    Instant accruesFrom = refilledAt.isAfter(now) ? refilledAt : now;
    long nanos = (long) Math.ceil((n - tokens) / perNano);
    Duration refill = Duration.between(now, accruesFrom).plusNanos(nanos);
    return refill.compareTo(pause) > 0 ? refill : pause;
  }

  /**
   * ARM answered 429 {@code now}: its bucket was empty when that request arrived, which was no
   * later than now. So ours is emptied now and nothing goes until {@code until} (Retry-After), but
   * it keeps refilling meanwhile, as ARM's does ("Request limits and throttling", Microsoft Learn:
   * tokens keep being added at the refill rate, and once available they can be used). Refilling
   * from the start of the wait instead would throw away what ARM accrued during it: a second of
   * writes for every 429.
   */
  void pause(Instant now, Instant until) {
    refill(now);
    hold = NO_HOLD; // the 429 is an answer, and says more than the hold would
    tokens = 0;
    if (now.isAfter(refilledAt)) {
      refilledAt = now;
    }
    if (until.isAfter(pausedUntil)) {
      pausedUntil = until;
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
    if (hold != NO_HOLD) {
      if (now.isBefore(holdLapsesAt)) {
        return;
      }
      release(hold, holdLapsesAt);
    }
    if (!now.isAfter(refilledAt)) {
      return; // also covers a clock that stepped back: never add tokens for negative time
    }
    long elapsed = Duration.between(refilledAt, now).toNanos();
    tokens = Math.min(burst, tokens + elapsed * perNano);
    refilledAt = now;
  }
}
