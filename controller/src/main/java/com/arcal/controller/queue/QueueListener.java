package com.arcal.controller.queue;

import java.time.Duration;

/**
 * Metrics hooks of a {@link RateLimitingWorkQueue} (bound to Micrometer by the caller). Called
 * with the queue's lock released; must return quickly. Keys are left out on purpose: per-key
 * metrics would have unbounded cardinality.
 */
public interface QueueListener {
  QueueListener NONE = new QueueListener() {};

  /** A key became queued (not counted when the add collapsed into a pending one). */
  default void added() {}

  /** A key was scheduled again after a failure, with this backoff. */
  default void retried(Duration backoff) {}

  /** A worker took a key that had waited this long since it became ready. */
  default void taken(Duration timeInQueue) {}

  /** A worker finished a key after holding it this long. */
  default void finished(Duration processing) {}
}
