package com.arcal.controller.azure;

import com.arcal.controller.ArcalException;
import java.time.Duration;
import java.util.Optional;

/**
 * An ARM call that failed. {@link #outcomeUnknown()} is true when the request may have been
 * applied although no answer came back (timeout, connection lost): the caller must read before it
 * writes again.
 */
public class ArmException extends ArcalException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;
  private final transient Duration retryAfter;
  private final boolean outcomeUnknown;

  public ArmException(
      String message,
      int status,
      String code,
      Duration retryAfter,
      boolean outcomeUnknown,
      Throwable cause) {
    super(message, isRetryable(status, outcomeUnknown), cause);
    this.status = status;
    this.code = code == null ? "" : code;
    this.retryAfter = retryAfter;
    this.outcomeUnknown = outcomeUnknown;
  }

  private static boolean isRetryable(int status, boolean outcomeUnknown) {
    return outcomeUnknown || status == 0 || status == 408 || status == 409 || status == 429
        || status >= 500;
  }

  /** HTTP status, 0 when no response came back. */
  public int status() {
    return status;
  }

  /** ARM error code, e.g. {@code ContainerAppLockConflict}; empty when unknown. */
  public String code() {
    return code;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  public boolean outcomeUnknown() {
    return outcomeUnknown;
  }

  public boolean throttled() {
    return status == 429;
  }
}
