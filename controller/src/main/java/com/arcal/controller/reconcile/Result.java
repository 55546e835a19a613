package com.arcal.controller.reconcile;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What a reconcile pass asks of the queue for its key. */
public final class Result {
  private static final Result DONE = new Result(null, false);
  private static final Result BACKOFF = new Result(null, true);

  private final Duration requeueAfter;
  private final boolean backoff;

  private Result(Duration requeueAfter, boolean backoff) {
    this.requeueAfter = requeueAfter;
    this.backoff = backoff;
  }

  /** Converged (or waiting for an event): nothing to do until something changes. */
  public static Result done() {
    return DONE;
  }

  /** Look again after the delay (an operation is in flight, or an engine is on its way up). */
  public static Result requeueAfter(Duration delay) {
    return new Result(Objects.requireNonNull(delay, "delay"), false);
  }

  /** Something failed that a retry may fix: look again after the key's growing backoff. */
  public static Result retryWithBackoff() {
    return BACKOFF;
  }

  public Optional<Duration> requeueAfter() {
    return Optional.ofNullable(requeueAfter);
  }

  public boolean backoff() {
    return backoff;
  }

  @Override
  public String toString() {
    return backoff ? "backoff" : requeueAfter == null ? "done" : "requeueAfter(" + requeueAfter + ")";
  }
}
