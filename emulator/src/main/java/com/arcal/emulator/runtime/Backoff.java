package com.arcal.emulator.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * Crash-restart delays: {@code base}, doubling per consecutive crash up to {@code max}, the way
 * Kubernetes (and so Azure Container Apps) backs off a crash-looping container. A replica that ran
 * for {@code resetAfter} before crashing starts over from {@code base}.
 */
record Backoff(Duration base, Duration max, Duration resetAfter) {

  Backoff {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(resetAfter, "resetAfter");
    if (base.isNegative() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("need 0 <= base <= max, got " + base + " and " + max);
    }
  }

  static Backoff of(RuntimeSettings settings) {
    return new Backoff(
        settings.restartBackoffBase(), settings.restartBackoffMax(), settings.backoffResetAfter());
  }

  /**
   * Delay before the restart that follows a crash.
   *
   * @param previousCrashes consecutive crashes before this one (0 for a first crash)
   */
  Duration delay(int previousCrashes) {
    Duration delay = base;
    for (int i = 0; i < previousCrashes && i < 64 && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(max) > 0 ? max : delay;
  }

  /** Whether a replica that ran this long before crashing counts as crashing for the first time. */
  boolean resets(Duration ranFor) {
    return ranFor.compareTo(resetAfter) >= 0;
  }
}
