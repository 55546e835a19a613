package com.arcal.controller.budget;

import java.time.Duration;
import java.time.Instant;

/**
 * What {@link ArmBudget} keeps for one kind of operation: its token bucket, the resource
 * provider's own limit as the provider reports it, the callers waiting for it, the next slot
 * handed to a refused caller, and its counts. Not thread-safe: ArmBudget's
 * lock guards it. Invariant: {@code waiters >= 0}, and it counts exactly the callers inside
 * ArmBudget#acquire between {@link #startWaiting} and {@link #stopWaiting}.
 */
final class OperationBudget {
  private final TokenBucket bucket;
  private final ProviderLimit provider;
  /** Time for one token to refill: the spacing of waiters and of refused callers' slots. */
  private final Duration perToken;
  private int waiters;
  private Instant nextRetrySlot;
  private long granted;
  private long denied;
  private long throttled;
  private long waitedNanos;

  OperationBudget(BudgetSettings.Bucket size, Instant now) {
    this.bucket = new TokenBucket(size, now);
    this.perToken = Duration.ofNanos((long) (1e9 / size.perSecond()));
    this.provider = new ProviderLimit(perToken);
    this.nextRetrySlot = now;
  }

  /**
   * Takes a token if one is usable {@code now} and the provider's pace allows a request, counting
   * the wait since {@code start}.
   *
   * @return {@link TokenBucket#NO_TOKEN}, or the take's hold number (see TokenBucket)
   */
  long tryTake(Instant start, Instant now) {
    if (provider.timeToSend(now).compareTo(Duration.ZERO) > 0) {
      return TokenBucket.NO_TOKEN;
    }
    long taken = bucket.tryTake(now);
    if (taken == TokenBucket.NO_TOKEN) {
      return taken;
    }
    provider.sent(now);
    granted++;
    waitedNanos += Math.max(0, Duration.between(start, now).toNanos());
    return taken;
  }

  /** The request of a take was answered (or failed). */
  void answered(long hold, Instant now) {
    bucket.release(hold, now);
  }

  /** Counts an acquire that gave up. */
  void deny() {
    denied++;
  }

  void startWaiting() {
    waiters++;
  }

  void stopWaiting() {
    waiters--;
  }

  /** How long until a token is usable and the provider's pace allows, ignoring other waiters. */
  Duration timeToToken(Instant now) {
    Duration token = bucket.timeToToken(now);
    Duration pace = provider.timeToSend(now);
    return token.compareTo(pace) >= 0 ? token : pace;
  }

  /** Time until a token, behind the callers already waiting. */
  Duration queuedWait(Instant now) {
    return timeToToken(now).plus(spacing().multipliedBy(waiters));
  }

  /** The provider reported what remains of its own limit for this kind. */
  void reportProvider(long remaining) {
    provider.report(remaining);
  }

  /** What the provider said remains, less what was sent since; -1 before it said anything. */
  long providerRemaining() {
    return provider.remaining();
  }

  /** The interval between two callers: the refill interval, wider while the provider runs low. */
  private Duration spacing() {
    Duration pace = provider.spacing();
    return pace.compareTo(perToken) > 0 ? pace : perToken;
  }

  /**
   * The wait until a refused caller's slot: no earlier than a token behind the waiters, and one
   * refill interval behind the slot handed out before.
   */
  Duration nextRetrySlot(Instant now) {
    Instant earliest = now.plus(queuedWait(now));
    Instant slot = nextRetrySlot.isAfter(earliest) ? nextRetrySlot : earliest;
    nextRetrySlot = slot.plus(spacing());
    return Duration.between(now, slot);
  }

  /** ARM answered 429: no token until {@code until}. */
  void throttle(Instant now, Instant until) {
    bucket.pause(now, until);
    throttled++;
  }

  void lowerTo(Instant now, long remaining) {
    bucket.lowerTo(now, remaining);
  }

  double available(Instant now) {
    return bucket.available(now);
  }

  BudgetCounters counters() {
    return new BudgetCounters(granted, denied, throttled, Duration.ofNanos(waitedNanos));
  }
}
