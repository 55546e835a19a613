package com.arcal.controller.engine;

import com.arcal.controller.ArcalException;

/**
 * A call to an engine failed. {@link #unreachable()} is true when the engine did not answer
 * (down, restarting, hung past the deadline); false when it answered with a refusal.
 */
public class EngineException extends ArcalException {
  private static final long serialVersionUID = 1L;
  private final boolean unreachable;

  public EngineException(String message, boolean unreachable, Throwable cause) {
    super(message, true, cause);
    this.unreachable = unreachable;
  }

  public boolean unreachable() {
    return unreachable;
  }
}
