package com.arcal.controller.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The ARM request budget shared by every worker: one token bucket per {@link ArmOperation}. Every
 * ARM call first {@link #acquire}s a token; answers feed back with {@link #onThrottled} (a 429
 * pauses that kind for everyone, so no worker retries hot) and {@link #onRemaining} (the server's
 * own count wins when it is lower than ours, e.g. because other clients share the subscription).
 *
 * <p>All token arithmetic follows the injected {@link Clock}. Waiting happens in slices of real
 * time of at most {@link #MAX_SLICE}, after which the clock is read again; so a clock that moves
 * differently from real time (a test clock, an NTP step) delays a waiter by one slice at most.
 */
public final class ArmBudget {
  static final Duration MAX_SLICE = Duration.ofMillis(100);
  /**
   * Workers that may wait for a token at once when budgets share a waiting room (one budget per
   * subscription): what one subscription's write budget holds on its own (200 ms at 10 per
   * second). Without the shared room, K subscriptions held 2K workers: with five, every worker
   * waited for write tokens in turn and a sale whose app was ready waited for the last creation.
   */
  public static final int SHARED_WAITERS = 2;

  private final Clock clock;
  private final BudgetSettings settings;
  /** Fair, so that waiting workers get tokens roughly in arrival order. */
  private final ReentrantLock lock = new ReentrantLock(true);
  /** Only ever awaited with a timeout: no event makes a token come sooner than computed. */
  private final Condition timedWait = lock.newCondition();
  /** One entry per kind, made in the constructor. Each entry is guarded by lock. */
  private final Map<ArmOperation, OperationBudget> kinds = new EnumMap<>(ArmOperation.class);

  /** Seats for the callers waiting for a token; shared by the budgets of one fleet. */
  private final Semaphore waitingRoom;

  public ArmBudget(BudgetSettings settings, Clock clock) {
    this(settings, clock, new Semaphore(Integer.MAX_VALUE));
  }

  /**
   * A budget whose callers wait only while a seat of {@code waitingRoom} is free (the room is
   * shared with the other subscriptions' budgets): otherwise they are refused at once and come
   * back at their slot ({@link #retryDelay}), leaving the worker to work that needs no token.
   */
  public ArmBudget(BudgetSettings settings, Clock clock, Semaphore waitingRoom) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.waitingRoom = Objects.requireNonNull(waitingRoom, "waitingRoom");
    Instant now = clock.instant();
    for (ArmOperation kind : ArmOperation.values()) {
      kinds.put(kind, new OperationBudget(settings.bucket(kind), now));
    }
  }

  public BudgetSettings settings() {
    return settings;
  }

  /**
   * A token handed out by {@link #take}: give it back to {@link #answered} when its request's
   * answer (or failure) is back.
   */
  public record Grant(ArmOperation kind, long hold) {}

  /**
   * {@link #take} for a caller that does not report the answer: refill counts from the take, as
   * if the request had been answered at once.
   *
   * @return true with a token; false when none was available in time
   * @throws InterruptedException when interrupted while waiting (no token taken)
   */
  public boolean acquire(ArmOperation kind, Duration maxWait) throws InterruptedException {
    Optional<Grant> grant = take(kind, maxWait);
    grant.ifPresent(this::answered);
    return grant.isPresent();
  }

  /**
   * Takes one token of this kind, waiting at most {@code maxWait}. Gives up at once, without
   * waiting, when no token can come in time, counting the callers already waiting ahead: so a
   * spent budget ties up at most {@code maxWait × rate} callers, and the other workers stay free
   * for work that needs no token of this kind.
   *
   * @return the token, to pass to {@link #answered}; empty when none was available in time
   * @throws InterruptedException when interrupted while waiting (no token taken)
   */
  public Optional<Grant> take(ArmOperation kind, Duration maxWait) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      OperationBudget op = kinds.get(kind);
      Instant start = clock.instant();
      Instant deadline = start.plus(maxWait.isNegative() ? Duration.ZERO : maxWait);
      long taken = op.tryTake(start, start);
      if (taken != TokenBucket.NO_TOKEN) {
        return Optional.of(new Grant(kind, taken));
      }
      if (start.plus(op.queuedWait(start)).isAfter(deadline) || !waitingRoom.tryAcquire()) {
        op.deny();
        return Optional.empty();
      }
      op.startWaiting();
      try {
        taken = awaitToken(op, start, deadline);
        return taken == TokenBucket.NO_TOKEN ? Optional.empty() : Optional.of(new Grant(kind, taken));
      } finally {
        op.stopWaiting();
        waitingRoom.release();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * The request of {@code grant} was answered, or failed: if its take left the bucket full, the
   * bucket starts refilling now (see TokenBucket: ARM's starts when that request arrived, which
   * is no later than this). A second call for the same grant does nothing.
   */
  public void answered(Grant grant) {
    if (grant.hold() == TokenBucket.NO_HOLD) {
      return; // most requests: nothing held, no need for the (fair, so slower) lock
    }
    lock.lock();
    try {
      kinds.get(grant.kind()).answered(grant.hold(), clock.instant());
    } finally {
      lock.unlock();
    }
  }

  /** Waits in slices until a token or until none can come by the deadline. Holds lock. */
  private long awaitToken(OperationBudget op, Instant start, Instant deadline)
      throws InterruptedException {
    while (true) {
      Instant now = clock.instant();
      long taken = op.tryTake(start, now);
      if (taken != TokenBucket.NO_TOKEN) {
        return taken;
      }
      Duration wait = op.timeToToken(now);
      if (now.plus(wait).isAfter(deadline)) {
        op.deny();
        return TokenBucket.NO_TOKEN;
      }
      long slice = Math.min(Math.max(wait.toNanos(), 1), MAX_SLICE.toNanos());
      timedWait.awaitNanos(slice);
    }
  }

  /**
   * When a refused caller should come back: its own slot, when a token will be there for it
   * behind the callers waiting now and those refused before it, so that refused work returns
   * paced by the refill instead of all at once when the next token is due, and as fast as tokens
   * accrue (no slower).
   */
  public Duration retryDelay(ArmOperation kind) {
    lock.lock();
    try {
      return kinds.get(kind).nextRetrySlot(clock.instant());
    } finally {
      lock.unlock();
    }
  }

  /**
   * ARM answered 429: its bucket was empty, so ours is emptied too, and no token of this kind is
   * handed out until {@code retryAfter} has passed (the settings' default when the answer carried
   * none); then what accrued since the 429, as in ARM's bucket, and the refill rate after that.
   */
  public void onThrottled(ArmOperation kind, Duration retryAfter) {
    Duration pause =
        retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()
            ? settings.defaultRetryAfter()
            : retryAfter;
    lock.lock();
    try {
      Instant now = clock.instant();
      kinds.get(kind).throttle(now, now.plus(pause));
    } finally {
      lock.unlock();
    }
  }

  /**
   * ARM said how many requests of this kind remain ({@code x-ms-ratelimit-remaining-subscription-
   * reads/writes/deletes}); lowers our tokens to that, never raises them.
   */
  public void onRemaining(ArmOperation kind, long remaining) {
    lock.lock();
    try {
      kinds.get(kind).lowerTo(clock.instant(), remaining);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The resource provider said how many requests of this kind remain of its own limit ({@code
   * x-ms-ratelimit-remaining-subscription-resource-requests}, which Azure sends instead of ARM's
   * count for Microsoft.App's writes): below a reserve, requests of this kind slow down in
   * proportion to what is left, before the provider refuses (see ProviderLimit).
   */
  public void onProviderRemaining(ArmOperation kind, long remaining) {
    lock.lock();
    try {
      kinds.get(kind).reportProvider(remaining);
    } finally {
      lock.unlock();
    }
  }

  /**
   * What the provider last said remains of its limit for this kind, less what was sent since; -1
   * if it never said.
   */
  public long providerRemaining(ArmOperation kind) {
    lock.lock();
    try {
      return kinds.get(kind).providerRemaining();
    } finally {
      lock.unlock();
    }
  }

  /** Tokens usable right now (for a gauge). */
  public double available(ArmOperation kind) {
    lock.lock();
    try {
      return kinds.get(kind).available(clock.instant());
    } finally {
      lock.unlock();
    }
  }

  public BudgetCounters counters(ArmOperation kind) {
    lock.lock();
    try {
      return kinds.get(kind).counters();
    } finally {
      lock.unlock();
    }
  }
}
