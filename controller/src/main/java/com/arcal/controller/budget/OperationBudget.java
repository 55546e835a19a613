package com.arcal.controller.budget;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * What {@link ArmBudget} keeps for one kind of operation: its token bucket, the resource
 * provider's own limit as the provider reports it, the callers waiting for it, the slots handed to
 * refused callers, and its counts. Not thread-safe: ArmBudget's lock guards it. Invariants:
 * {@code waiters >= 0}, and it counts exactly the callers inside ArmBudget#acquire between
 * {@link #startWaiting} and {@link #stopWaiting}; {@code slots} is in ascending order.
 */
final class OperationBudget {
  private final TokenBucket bucket;
  private final ProviderLimit provider;
  /** Time for one token to refill: the spacing of waiters. */
  private final Duration perToken;
  private int waiters;
  /** The slots handed to refused callers that are still to come, in order. */
  private final ArrayDeque<Instant> slots = new ArrayDeque<>();
  private long granted;
  private long denied;
  private long throttled;
  private long waitedNanos;

  OperationBudget(BudgetSettings.Bucket size, Instant now) {
    this.bucket = new TokenBucket(size, now);
    this.perToken = Duration.ofNanos((long) (1e9 / size.perSecond()));
    this.provider = new ProviderLimit(perToken);
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
   * The wait until a refused caller's slot: when the bucket will have had a token for it and for
   * every caller ahead (the waiters, and the refused callers whose slots are still to come), and
   * no sooner than the provider's pace allows after the slot handed out before. So slots follow
   * the tokens: spaced at the refill rate while the bucket is empty, but as many at once as have
   * accrued (after a 429's wait, what ARM added meanwhile), not one per interval regardless.
   */
  Duration nextRetrySlot(Instant now) {
    while (!slots.isEmpty() && !slots.peekFirst().isAfter(now)) {
      slots.removeFirst(); // its caller is back, or about to be: it no longer waits in line
    }
    Instant slot = now.plus(bucket.timeToTokens(now, waiters + slots.size() + 1));
    Duration pace = provider.spacing();
    Instant paced = slots.isEmpty()
        ? now.plus(provider.timeToSend(now)).plus(pace.multipliedBy(waiters))
        : slots.peekLast().plus(pace);
    if (paced.isAfter(slot)) {
      slot = paced;
    }
    slots.addLast(slot);
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
