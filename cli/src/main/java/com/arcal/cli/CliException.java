package com.arcal.cli;

/**
 * The one unchecked root exception of arcalctl: its message is what the operator reads after
 * {@code error: }, so it says what went wrong and, when it can, what to do next. Any command that
 * throws it exits with status 1.
 */
public class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CliException(String message) {
    super(message);
  }

  public CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
