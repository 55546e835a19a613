package com.arcal.controller.queue;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * {@link WorkQueue} with client-go semantics: FIFO lines of ready keys, a dirty set (keys that
 * need a pass), a processing set (keys held by a worker), delayed adds and per-key exponential
 * backoff. Delayed keys are promoted by the taking threads themselves, so the queue owns no thread.
 * Three ready lines, as in controller-runtime's priority queue: high-priority keys (operations
 * that ended) are handed out first, low-priority keys (resyncs) only when the other lines are
 * empty; delayed keys become ready on the normal line.
 *
 * <p>Invariants (under {@code lock}): every key in a ready line is in {@code dirty} and not in
 * {@code processing}; a key is in at most one line, at most once; a key in {@code delayed} is in
 * no line and not in {@code dirty}; {@code dirty} maps a key to its line. Delays are measured
 * with {@link System#nanoTime()}: a monotonic source, unlike a wall {@code Clock}.
 */
public final class RateLimitingWorkQueue<K> implements WorkQueue<K> {
  private record Due<K>(long atNanos, long sequence, K key) {}

  private final Backoff backoff;
  private final RandomGenerator random;
  private final QueueListener listener;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  /** In the order they are served (EnumMap iterates by ordinal). */
  private enum Line {
    HIGH,
    NORMAL,
    LOW
  }

  // Insertion-ordered sets: FIFO, and a key moves to a line served sooner in O(1).
  private final Map<Line, LinkedHashSet<K>> ready = new EnumMap<>(Map.of(
      Line.HIGH, new LinkedHashSet<>(), Line.NORMAL, new LinkedHashSet<>(), Line.LOW, new LinkedHashSet<>()));
  private final Map<K, Line> dirty = new HashMap<>();
  private final Set<K> processing = new HashSet<>();
  /** Key to when it becomes ready (on the normal line); the heap may hold stale entries, skipped when due. */
  private final Map<K, Due<K>> delayed = new HashMap<>();
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
    addNow(key, Line.NORMAL);
  }

  @Override
  public void addHighPriority(K key) {
    addNow(key, Line.HIGH);
  }

  @Override
  public void addLowPriority(K key) {
    addNow(key, Line.LOW);
  }

  private void addNow(K key, Line line) {
    Objects.requireNonNull(key, "key");
    boolean added;
    lock.lock();
    try {
      delayed.remove(key); // an add now beats any pending delayed add (a resync's too)
      added = makeReady(key, line, System.nanoTime());
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
      addNow(key, Line.NORMAL);
      return;
    }
    lock.lock();
    try {
      if (shuttingDown || dirty.containsKey(key)) {
        return; // already due sooner: queued now, or again right after its current pass
      }
      long at = System.nanoTime() + delay.toNanos();
      Due<K> pending = delayed.get(key);
      if (pending != null && pending.atNanos() - at <= 0) {
        return; // the earlier pending add wins
      }
      Due<K> due = new Due<>(at, sequence++, key);
      delayed.put(key, due);
      dueHeap.add(due);
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
        key = poll();
        if (key != null) {
          dirty.remove(key);
          processing.add(key);
          takenAt.put(key, now);
          queuedNanos = now - readySince.remove(key);
          if (readyCount() > 0) {
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
      Line line = dirty.get(key);
      if (line != null) {
        ready.get(line).add(key); // added while processing: its turn is at the back of the line
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
      return readyCount() + delayed.size();
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

  /**
   * Caller holds the lock. True when the key was not already pending; a pending key added on a
   * line served sooner moves there (keeping its waiting time), never to a later one.
   */
  private boolean makeReady(K key, Line line, long now) {
    if (shuttingDown) {
      return false;
    }
    Line pending = dirty.putIfAbsent(key, line);
    if (pending != null) {
      if (line.compareTo(pending) < 0) {
        dirty.put(key, line);
        if (ready.get(pending).remove(key)) {
          ready.get(line).add(key);
          changed.signal();
        }
      }
      return false;
    }
    if (!processing.contains(key)) {
      ready.get(line).add(key);
      readySince.put(key, now);
      changed.signal();
    }
    return true;
  }

  /** The next ready key, high line first. Holds lock. */
  private K poll() {
    for (LinkedHashSet<K> keys : ready.values()) { // EnumMap: HIGH, NORMAL, then LOW
      Iterator<K> first = keys.iterator();
      if (first.hasNext()) {
        K key = first.next();
        first.remove();
        return key;
      }
    }
    return null;
  }

  private int readyCount() {
    return ready.values().stream().mapToInt(LinkedHashSet::size).sum();
  }

  /** Moves delayed keys whose time has come to the ready line; returns how many. Holds lock. */
  private int promoteDue(long now) {
    int promoted = 0;
    Due<K> due;
    while ((due = dueHeap.peek()) != null && due.atNanos - now <= 0) {
      dueHeap.poll();
      if (delayed.get(due.key) == due) {
        delayed.remove(due.key);
        if (makeReady(due.key, Line.NORMAL, now)) {
          promoted++;
        }
      }
    }
    return promoted;
  }

}
