package com.arcal.controller.reconcile.source;

import java.time.Duration;

/**
 * When the next poll of operations in flight comes. Every poll interval at most, and further
 * apart when a poll costs more reads than {@link #READS_PER_SECOND}: a few in flight are seen
 * within a fraction of a second of their completion, a thousand cost no more than half of ARM's
 * read rate.
 *
 * <p>One exception: a LIST that saw some operations end while others are still in flight is
 * followed as soon as the read rate allows. Operations started together end together (a burst
 * of creations, a fleet-wide spec change), so the rest of that wave is due within moments, and
 * each of its sales otherwise waits a whole interval more before its engine is started.
 */
final class PollPacing {
  /** Reads per second the poll may spend in one subscription: half of ARM's 25/s refill. */
  static final double READS_PER_SECOND = 12.5;

  private final Duration interval;
  /**
   * Read buckets the reads are spread over: ARM's are per subscription, and a LIST (or the GETs)
   * of apps spread over K subscriptions charges each bucket a K-th. At 10,000 apps in five
   * subscriptions, pacing by one bucket looked at the last apps in flight every 8 s.
   */
  private final int buckets;

  PollPacing(Duration interval, int buckets) {
    if (buckets < 1) {
      throw new IllegalArgumentException("buckets must be >= 1, was " + buckets);
    }
    this.interval = interval;
    this.buckets = buckets;
  }

  /** The delay before the next poll, after one that cost {@code reads}. */
  Duration after(int reads, boolean waveEnding) {
    Duration paced = Duration.ofNanos(Math.round(reads / (READS_PER_SECOND * buckets) * 1e9));
    if (waveEnding) {
      return paced;
    }
    return paced.compareTo(interval) > 0 ? paced : interval;
  }

  /** The delay before the next poll when nothing was read. */
  Duration idle() {
    return interval;
  }
}
