package com.arcal.controller.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
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
  // Indexes into the arrays of counts.
  private static final int GRANTED = 0;
  private static final int DENIED = 1;
  private static final int THROTTLED = 2;
  private static final int WAITED_NANOS = 3;

  private final Clock clock;
  private final BudgetSettings settings;
  /** Fair, so that waiting workers get tokens roughly in arrival order. */
  private final ReentrantLock lock = new ReentrantLock(true);
  /** Only ever awaited with a timeout: no event makes a token come sooner than computed. */
  private final Condition timedWait = lock.newCondition();
  private final Map<ArmOperation, TokenBucket> buckets = new EnumMap<>(ArmOperation.class);
  /** Guarded by lock. */
  private final Map<ArmOperation, long[]> counts = new EnumMap<>(ArmOperation.class);
  /** Callers inside {@link #acquire} waiting for a token of each kind. Guarded by lock. */
  private final Map<ArmOperation, int[]> waiters = new EnumMap<>(ArmOperation.class);
  /** The next time handed out by {@link #retryDelay} for each kind. Guarded by lock. */
  private final Map<ArmOperation, Instant> nextRetrySlot = new EnumMap<>(ArmOperation.class);

  public ArmBudget(BudgetSettings settings, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    Instant now = clock.instant();
    for (ArmOperation kind : ArmOperation.values()) {
      buckets.put(kind, new TokenBucket(settings.bucket(kind), now));
      counts.put(kind, new long[4]);
      waiters.put(kind, new int[1]);
      nextRetrySlot.put(kind, now);
    }
  }

  public BudgetSettings settings() {
    return settings;
  }

  /**
   * Takes one token of this kind, waiting at most {@code maxWait}. Gives up at once, without
   * waiting, when no token can come in time, counting the callers already waiting ahead: so a
   * spent budget ties up at most {@code maxWait × rate} callers, and the other workers stay free
   * for work that needs no token of this kind.
   *
   * @return true with a token; false when none was available in time
   * @throws InterruptedException when interrupted while waiting (no token taken)
   */
  public boolean acquire(ArmOperation kind, Duration maxWait) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      Instant start = clock.instant();
      Instant deadline = start.plus(maxWait.isNegative() ? Duration.ZERO : maxWait);
      TokenBucket bucket = buckets.get(kind);
      long[] count = counts.get(kind);
      int[] waiting = waiters.get(kind);
      if (bucket.tryTake(start)) {
        count[GRANTED]++;
        return true;
      }
      if (start.plus(queuedWait(kind, start)).isAfter(deadline)) {
        count[DENIED]++;
        return false;
      }
      waiting[0]++;
      try {
        while (true) {
          Instant now = clock.instant();
          if (bucket.tryTake(now)) {
            count[GRANTED]++;
            count[WAITED_NANOS] += Math.max(0, Duration.between(start, now).toNanos());
            return true;
          }
          Duration wait = bucket.timeToToken(now);
          if (now.plus(wait).isAfter(deadline)) {
            count[DENIED]++;
            return false;
          }
          long slice = Math.min(Math.max(wait.toNanos(), 1), MAX_SLICE.toNanos());
          timedWait.awaitNanos(slice);
        }
      } finally {
        waiting[0]--;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * When a refused caller should come back: its own slot in a queue spaced at the refill rate,
   * behind the callers waiting now and those refused before it, so that refused work returns
   * paced instead of all at once when the next token is due.
   */
  public Duration retryDelay(ArmOperation kind) {
    lock.lock();
    try {
      Instant now = clock.instant();
      Instant earliest = now.plus(queuedWait(kind, now));
      Instant slot = nextRetrySlot.get(kind).isAfter(earliest) ? nextRetrySlot.get(kind) : earliest;
      nextRetrySlot.put(kind, slot.plus(perToken(kind)));
      return Duration.between(now, slot);
    } finally {
      lock.unlock();
    }
  }

  /** Time until a token, behind the callers already waiting. Call with the lock held. */
  private Duration queuedWait(ArmOperation kind, Instant now) {
    return buckets.get(kind).timeToToken(now).plus(perToken(kind).multipliedBy(waiters.get(kind)[0]));
  }

  private Duration perToken(ArmOperation kind) {
    return Duration.ofNanos((long) (1e9 / settings.bucket(kind).perSecond()));
  }

  /** How long a caller would wait for a token of this kind now (zero when one is available). */
  public Duration estimatedWait(ArmOperation kind) {
    lock.lock();
    try {
      return buckets.get(kind).timeToToken(clock.instant());
    } finally {
      lock.unlock();
    }
  }

  /**
   * ARM answered 429: hand out no token of this kind until {@code retryAfter} has passed (the
   * settings' default when the answer carried none); then one at a time at the refill rate.
   */
  public void onThrottled(ArmOperation kind, Duration retryAfter) {
    Duration pause =
        retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()
            ? settings.defaultRetryAfter()
            : retryAfter;
    lock.lock();
    try {
      Instant now = clock.instant();
      buckets.get(kind).pause(now, now.plus(pause));
      counts.get(kind)[THROTTLED]++;
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
      buckets.get(kind).lowerTo(clock.instant(), remaining);
    } finally {
      lock.unlock();
    }
  }

  /** Tokens usable right now (for a gauge). */
  public double available(ArmOperation kind) {
    lock.lock();
    try {
      return buckets.get(kind).available(clock.instant());
    } finally {
      lock.unlock();
    }
  }

  public BudgetCounters counters(ArmOperation kind) {
    lock.lock();
    try {
      long[] count = counts.get(kind);
      return new BudgetCounters(
          count[GRANTED], count[DENIED], count[THROTTLED], Duration.ofNanos(count[WAITED_NANOS]));
    } finally {
      lock.unlock();
    }
  }
}
