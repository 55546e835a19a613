package com.arcal.api.config;

/**
 * A setting that is missing or invalid. The message is one line naming the variable and what it
 * expects; it never carries the value of a secret.
 */
public final class SettingsException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String variable;

  public SettingsException(String variable, String expected) {
    super(variable + ": " + expected);
    this.variable = variable;
  }

  public String variable() {
    return variable;
  }
}
