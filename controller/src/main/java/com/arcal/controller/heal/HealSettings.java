package com.arcal.controller.heal;

import java.time.Duration;
import java.util.Objects;

/**
 * How the controller may disrupt a live engine to heal it, and when it stops trusting its own eyes.
 *
 * @param budget destructive heals (revision restarts, app recreations) allowed per {@code window},
 *     as a count or a share of the owned apps (at least 1)
 * @param window the sliding window of the budget
 * @param partitionShare a partition needs more than this share of the known engines unreachable
 * @param partitionMinimum ... and more than this many
 * @param partitionWindow ... each of them become unreachable within this window
 */
public record HealSettings(
    Quota budget, Duration window, double partitionShare, int partitionMinimum, Duration partitionWindow) {

  public HealSettings {
    Objects.requireNonNull(budget, "budget");
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the heal budget's window must be positive");
    }
    if (partitionShare <= 0 || partitionShare >= 1) {
      throw new IllegalArgumentException("partitionShare must be between 0 and 1");
    }
    if (partitionMinimum < 0) {
      throw new IllegalArgumentException("partitionMinimum must be >= 0");
    }
    Objects.requireNonNull(partitionWindow, "partitionWindow");
  }

  /** 10% of the owned apps (at least 1) per 5 minutes; a partition past 20% and 2 within a minute. */
  public static HealSettings defaults() {
    return new HealSettings(Quota.ofPercent(10), Duration.ofMinutes(5), 0.2, 2, Duration.ofMinutes(1));
  }

  public HealSettings withBudget(Quota budget, Duration window) {
    return new HealSettings(budget, window, partitionShare, partitionMinimum, partitionWindow);
  }
}
