package com.arcal.controller;

/**
 * Root of every error the controller raises on purpose. {@link #retryable()} separates transient
 * failures (retry with backoff) from permanent ones (report, do not retry hot).
 */
public class ArcalException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean retryable;

  public ArcalException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public ArcalException(String message, boolean retryable) {
    this(message, retryable, null);
  }

  public boolean retryable() {
    return retryable;
  }
}
