package com.arcal.controller.reconcile;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What a reconcile pass (or a failed one, through {@link FailurePolicy}) asks of the queue. */
public final class Result {
  /** How the queue treats the key next. */
  public enum Kind {
    /** Converged (or waiting for an event): forget the key's backoff, nothing scheduled. */
    DONE,
    /** Forget the key's backoff and look again after a delay. */
    REQUEUE,
    /** Look again after the key's growing backoff. */
    BACKOFF,
    /**
     * A failure that named its own wait (Retry-After, or the slot the client-side ARM budget
     * gave): look again then, on the normal line, keeping the backoff.
     */
    RETRY_AFTER
  }

  private static final Result DONE = new Result(Kind.DONE, null);
  private static final Result BACKOFF = new Result(Kind.BACKOFF, null);

  private final Kind kind;
  private final Duration after;

  private Result(Kind kind, Duration after) {
    this.kind = kind;
    this.after = after;
  }

  /** Converged (or waiting for an event): nothing to do until something changes. */
  public static Result done() {
    return DONE;
  }

  /** Look again after the delay (an operation is in flight, or an engine is on its way up). */
  public static Result requeueAfter(Duration delay) {
    return new Result(Kind.REQUEUE, Objects.requireNonNull(delay, "delay"));
  }

  /** Something failed that a retry may fix: look again after the key's growing backoff. */
  public static Result retryWithBackoff() {
    return BACKOFF;
  }

  /** Something failed and said when to try again: then, without resetting the key's backoff. */
  public static Result retryAfter(Duration wait) {
    return new Result(Kind.RETRY_AFTER, Objects.requireNonNull(wait, "wait"));
  }

  public Kind kind() {
    return kind;
  }

  /** The delay of {@link Kind#REQUEUE} and {@link Kind#RETRY_AFTER}. */
  public Optional<Duration> requeueAfter() {
    return Optional.ofNullable(after);
  }

  public boolean backoff() {
    return kind == Kind.BACKOFF;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case DONE -> "done";
      case BACKOFF -> "backoff";
      case REQUEUE -> "requeueAfter(" + after + ")";
      case RETRY_AFTER -> "retryAfter(" + after + ")";
    };
  }
}
