package com.arcal.controller.queue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * {@link WorkQueue} with client-go semantics: a FIFO of ready keys, a dirty set (keys that need a
 * pass), a processing set (keys held by a worker), delayed adds and per-key exponential backoff.
 * Delayed keys are promoted by the taking threads themselves, so the queue owns no thread.
 *
 * <p>Invariants (under {@code lock}): every key in {@code ready} is in {@code dirty} and not in
 * {@code processing}; a key is in {@code ready} at most once; a key in {@code delayed} is in
 * neither {@code ready} nor {@code dirty}. Delays are measured with {@link System#nanoTime()}:
 * a monotonic source, unlike a wall {@code Clock}.
 */
public final class RateLimitingWorkQueue<K> implements WorkQueue<K> {
  private record Due<K>(long atNanos, long sequence, K key) {}

  private final Backoff backoff;
  private final RandomGenerator random;
  private final QueueListener listener;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  private final ArrayDeque<K> ready = new ArrayDeque<>();
  private final Set<K> dirty = new HashSet<>();
  private final Set<K> processing = new HashSet<>();
  /** Key to the time it becomes ready; the heap may hold stale entries, skipped when due. */
  private final Map<K, Long> delayed = new HashMap<>();
  private final PriorityQueue<Due<K>> dueHeap =
      new PriorityQueue<>((a, b) -> a.atNanos != b.atNanos
          ? Long.compare(a.atNanos, b.atNanos) : Long.compare(a.sequence, b.sequence));
  private final Map<K, Long> readySince = new HashMap<>();
  private final Map<K, Long> takenAt = new HashMap<>();
  private final Map<K, Integer> failures = new HashMap<>();
  private long sequence;
  private boolean shuttingDown;

  public RateLimitingWorkQueue(Backoff backoff, RandomGenerator random, QueueListener listener) {
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.random = Objects.requireNonNull(random, "random");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public void add(K key) {
    Objects.requireNonNull(key, "key");
    boolean added;
    lock.lock();
    try {
      delayed.remove(key); // an add now beats any pending delayed add
      added = makeReady(key, System.nanoTime());
    } finally {
      lock.unlock();
    }
    if (added) {
      listener.added();
    }
  }

  @Override
  public void addAfter(K key, Duration delay) {
    Objects.requireNonNull(key, "key");
    if (delay.isNegative() || delay.isZero()) {
      add(key);
      return;
    }
    lock.lock();
    try {
      if (shuttingDown || dirty.contains(key)) {
        return; // already due sooner: queued now, or again right after its current pass
      }
      long at = System.nanoTime() + delay.toNanos();
      Long pending = delayed.get(key);
      if (pending != null && pending - at <= 0) {
        return; // the earlier pending add wins
      }
      delayed.put(key, at);
      dueHeap.add(new Due<>(at, sequence++, key));
      changed.signalAll(); // takers may have to wake earlier than they planned
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void addRateLimited(K key) {
    Duration delay;
    lock.lock();
    try {
      delay = backoff.delay(failures.merge(key, 1, Integer::sum), random);
    } finally {
      lock.unlock();
    }
    listener.retried(delay);
    addAfter(key, delay);
  }

  @Override
  public void forget(K key) {
    lock.lock();
    try {
      failures.remove(key);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int failures(K key) {
    lock.lock();
    try {
      return failures.getOrDefault(key, 0);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<K> take(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    K key;
    long queuedNanos;
    int promoted = 0;
    lock.lockInterruptibly();
    try {
      while (true) {
        if (shuttingDown) {
          key = null;
          queuedNanos = 0;
          break;
        }
        long now = System.nanoTime();
        promoted += promoteDue(now);
        key = ready.poll();
        if (key != null) {
          dirty.remove(key);
          processing.add(key);
          takenAt.put(key, now);
          queuedNanos = now - readySince.remove(key);
          if (!ready.isEmpty()) {
            changed.signal(); // promoted several: wake another taker
          }
          break;
        }
        long wait = deadline - now;
        if (wait <= 0) {
          key = null;
          queuedNanos = 0;
          break;
        }
        Due<K> next = dueHeap.peek();
        changed.awaitNanos(next == null ? wait : Math.min(wait, next.atNanos - now));
      }
    } finally {
      lock.unlock();
    }
    for (int i = 0; i < promoted; i++) {
      listener.added();
    }
    if (key == null) {
      return Optional.empty();
    }
    listener.taken(Duration.ofNanos(queuedNanos));
    return Optional.of(key);
  }

  @Override
  public void done(K key) {
    long processingNanos;
    lock.lock();
    try {
      if (!processing.remove(key)) {
        return; // not handed out (or already done): nothing to release
      }
      long now = System.nanoTime();
      processingNanos = now - takenAt.remove(key);
      if (dirty.contains(key)) {
        ready.add(key); // added while processing: its turn is at the back of the line
        readySince.put(key, now);
        changed.signal();
      }
    } finally {
      lock.unlock();
    }
    listener.finished(Duration.ofNanos(processingNanos));
  }

  @Override
  public int depth() {
    lock.lock();
    try {
      return ready.size() + delayed.size();
    } finally {
      lock.unlock();
    }
  }

  /** Keys held by workers right now. */
  public int inFlight() {
    lock.lock();
    try {
      return processing.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void shutDown() {
    lock.lock();
    try {
      shuttingDown = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Caller holds the lock. True when the key was not already pending. */
  private boolean makeReady(K key, long now) {
    if (shuttingDown || !dirty.add(key)) {
      return false;
    }
    if (!processing.contains(key)) {
      ready.add(key);
      readySince.put(key, now);
      changed.signal();
    }
    return true;
  }

  /** Moves delayed keys whose time has come to the ready line; returns how many. Holds lock. */
  private int promoteDue(long now) {
    int promoted = 0;
    Due<K> due;
    while ((due = dueHeap.peek()) != null && due.atNanos - now <= 0) {
      dueHeap.poll();
      Long at = delayed.get(due.key);
      if (at != null && at == due.atNanos) {
        delayed.remove(due.key);
        if (makeReady(due.key, now)) {
          promoted++;
        }
      }
    }
    return promoted;
  }

}
