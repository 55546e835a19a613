package com.arcal.controller.heal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * A PodDisruptionBudget for heals: at most {@code budget.of(owned)} destructive heals in any
 * sliding {@code window}. Thread-safe.
 */
public final class DisruptionBudget {
  private final HealSettings settings;
  private final Clock clock;
  /** When each heal of the current window was charged, oldest first. */
  private final Deque<Instant> charged = new ArrayDeque<>();

  public DisruptionBudget(HealSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Charges one heal if the budget allows it for a fleet of {@code owned} apps; otherwise returns
   * when the oldest heal of the window leaves it (the earliest the next one may go).
   */
  public synchronized Optional<Instant> tryCharge(int owned) {
    Instant now = clock.instant();
    expire(now);
    if (charged.size() < allowed(owned)) {
      charged.addLast(now);
      return Optional.empty();
    }
    return Optional.of(charged.peekFirst().plus(settings.window()));
  }

  /** Heals the window allows for a fleet of that size. */
  public int allowed(int owned) {
    return settings.budget().of(owned);
  }

  /** Heals charged in the current window. */
  public synchronized int spent() {
    expire(clock.instant());
    return charged.size();
  }

  private void expire(Instant now) {
    Instant cutoff = now.minus(settings.window());
    while (!charged.isEmpty() && !charged.peekFirst().isAfter(cutoff)) {
      charged.removeFirst();
    }
  }
}
