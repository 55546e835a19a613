package com.arcal.controller.engine;

/**
 * The engine answered UNAUTHENTICATED: it does not hold the token we presented (its app's secret
 * changed, or the address now leads to another app). Whoever holds the token reads it again.
 */
public final class EngineUnauthenticatedException extends EngineException {
  private static final long serialVersionUID = 1L;

  public EngineUnauthenticatedException(String message, Throwable cause) {
    super(message, false, cause);
  }
}
