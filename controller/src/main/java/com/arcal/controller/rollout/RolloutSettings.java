package com.arcal.controller.rollout;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How spec changes reach Running engines.
 *
 * @param maxUnavailable sales not Running at once because of a rollout
 * @param deadline how long an updated sale may take to be Running at its new generation before
 *     the rollout pauses
 * @param buyerWait how long a sale with buyers connected is left alone before it is updated
 *     anyway; empty: until an operator forces it
 * @param maxRestarts with {@code maxRestartShare}: a change that would restart more than this
 *     many Running engines and more than that share of them is held for confirmation
 * @param maxRestartShare see {@code maxRestarts}, 0-1
 */
public record RolloutSettings(
    MaxUnavailable maxUnavailable,
    Duration deadline,
    Optional<Duration> buyerWait,
    int maxRestarts,
    double maxRestartShare) {

  public RolloutSettings {
    Objects.requireNonNull(maxUnavailable, "maxUnavailable");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(buyerWait, "buyerWait");
    if (maxRestarts < 0 || maxRestartShare < 0 || maxRestartShare > 1) {
      throw new IllegalArgumentException("restart brake: count >= 0, share 0-1");
    }
  }

  /** 10% at once, 10 minutes to be Running (a Deployment's progress deadline), buyers 10 minutes. */
  public static RolloutSettings defaults() {
    return new RolloutSettings(
        MaxUnavailable.defaults(), Duration.ofMinutes(10), Optional.of(Duration.ofMinutes(10)), 5, 0.5);
  }

  public RolloutSettings withMaxUnavailable(MaxUnavailable max) {
    return new RolloutSettings(max, deadline, buyerWait, maxRestarts, maxRestartShare);
  }

  public RolloutSettings withDeadline(Duration d) {
    return new RolloutSettings(maxUnavailable, d, buyerWait, maxRestarts, maxRestartShare);
  }

  public RolloutSettings withBuyerWait(Optional<Duration> wait) {
    return new RolloutSettings(maxUnavailable, deadline, wait, maxRestarts, maxRestartShare);
  }

  public RolloutSettings withRestartBrake(int count, double share) {
    return new RolloutSettings(maxUnavailable, deadline, buyerWait, count, share);
  }
}
