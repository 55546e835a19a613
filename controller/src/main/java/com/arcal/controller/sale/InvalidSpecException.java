package com.arcal.controller.sale;

import com.arcal.controller.ArcalException;

/** Desired state that breaks a rule; {@link #field()} names what to fix. Never retryable. */
public class InvalidSpecException extends ArcalException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public InvalidSpecException(String field, String message) {
    super(message, false);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
