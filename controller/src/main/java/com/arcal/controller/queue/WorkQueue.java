package com.arcal.controller.queue;

import java.time.Duration;
import java.util.Optional;

/**
 * A keyed, deduplicating work queue with client-go semantics.
 *
 * <p>Invariants: a key is never handed to two workers at once; a key added while it is being
 * processed is handed out again after {@link #done} (never lost, never doubled); bursts of adds of
 * the same key collapse into one pass.
 */
public interface WorkQueue<K> extends AutoCloseable {

  /** Queues the key now (no-op when already queued and not yet taken). */
  void add(K key);

  /**
   * Queues the key ahead of every other line: for a pass that finishes work already paid for (an
   * Azure operation that ended: the app is there, its engine is to be started). Behind a
   * backlog of ten thousand creations on the normal line, such a sale would otherwise wait for
   * the last creation to be sent. A later add of the same key on another line keeps it here.
   */
  void addHighPriority(K key);

  /**
   * Queues the key behind every key added by {@link #add} or a due delay (periodic resyncs): a
   * change or a health event must not wait behind a thousand routine re-checks. A later {@link
   * #add} of the same key moves it up to the normal line.
   */
  void addLowPriority(K key);

  /** Queues the key after a delay; an earlier pending add wins. */
  void addAfter(K key, Duration delay);

  /** Queues the key after its per-key backoff (exponential with jitter); counts a failure. */
  void addRateLimited(K key);

  /** Clears the key's failure count (call on success). */
  void forget(K key);

  /**
   * Blocks until a key is ready and hands it to the caller, who must call {@link #done} for it;
   * empty when the queue is shut down or the timeout passes.
   */
  Optional<K> take(Duration timeout) throws InterruptedException;

  /** Marks the key's processing finished; re-queues it if it was added meanwhile. */
  void done(K key);

  /** Keys ready or waiting for a delay (queue depth, for metrics). */
  int depth();

  /** Stops handing out keys; blocked {@link #take} calls return empty. */
  void shutDown();

  @Override
  default void close() {
    shutDown();
  }
}
