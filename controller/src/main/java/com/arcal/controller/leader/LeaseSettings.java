package com.arcal.controller.leader;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing of leader election by lease, as in Kubernetes' leader election.
 *
 * @param leaseDuration how long a lease lasts without renewal (Azure: whole seconds, 15 to 60);
 *     a follower takes over at most this long after the leader's last renewal
 * @param renewDeadline how long a leader keeps acting without a successful renewal; it steps down
 *     then, {@code leaseDuration - renewDeadline} before the lease can expire
 * @param retryPeriod how often the leader renews and followers try to acquire
 */
public record LeaseSettings(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
  public static final Duration MIN_LEASE = Duration.ofSeconds(15);
  public static final Duration MAX_LEASE = Duration.ofSeconds(60);

  public LeaseSettings {
    Objects.requireNonNull(leaseDuration, "leaseDuration");
    Objects.requireNonNull(renewDeadline, "renewDeadline");
    Objects.requireNonNull(retryPeriod, "retryPeriod");
    if (leaseDuration.compareTo(MIN_LEASE) < 0 || leaseDuration.compareTo(MAX_LEASE) > 0
        || leaseDuration.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException(
          "lease duration must be whole seconds from 15 to 60 (Azure blob leases): "
              + leaseDuration);
    }
    if (retryPeriod.isNegative() || retryPeriod.isZero()) {
      throw new IllegalArgumentException("retry period must be positive: " + retryPeriod);
    }
    if (renewDeadline.compareTo(leaseDuration) >= 0) {
      throw new IllegalArgumentException(
          "renew deadline (" + renewDeadline + ") must be shorter than the lease duration ("
              + leaseDuration + "): a leader must step down before its lease can expire");
    }
    if (renewDeadline.compareTo(retryPeriod) <= 0) {
      throw new IllegalArgumentException(
          "renew deadline (" + renewDeadline + ") must be longer than the retry period ("
              + retryPeriod + "), or a leader could step down without a second try");
    }
  }

  /** 15 s lease, 10 s renew deadline, 2 s retry period. */
  public static LeaseSettings defaults() {
    return new LeaseSettings(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
  }

  /** Whole seconds, as the lease API takes them. */
  int leaseSeconds() {
    return (int) leaseDuration.toSeconds();
  }
}
