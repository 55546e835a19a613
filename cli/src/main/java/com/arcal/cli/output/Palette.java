package com.arcal.cli.output;

import java.util.Locale;

/**
 * ANSI colours, or none: colours are on only for a terminal and when {@code NO_COLOR} is unset
 * (https://no-color.org), so that pipes and files get plain text.
 */
public final class Palette {
  private static final String RESET = "\u001b[0m";

  private final boolean enabled;

  public Palette(boolean enabled) {
    this.enabled = enabled;
  }

  public boolean enabled() {
    return enabled;
  }

  public String green(String s) {
    return paint("32", s);
  }

  public String red(String s) {
    return paint("31", s);
  }

  public String yellow(String s) {
    return paint("33", s);
  }

  public String blue(String s) {
    return paint("34", s);
  }

  public String magenta(String s) {
    return paint("35", s);
  }

  public String cyan(String s) {
    return paint("36", s);
  }

  public String bold(String s) {
    return paint("1", s);
  }

  public String dim(String s) {
    return paint("2", s);
  }

  /** A phase in the colour the status page uses for it too. */
  public String phase(String phase) {
    return switch (phase == null ? "" : phase.toLowerCase(Locale.ROOT)) {
      case "running" -> green(phase);
      case "failed" -> red(phase);
      case "deleting", "deleted" -> magenta(phase);
      case "provisioning", "starting" -> yellow(phase);
      case "pending" -> dim(phase);
      default -> phase == null ? "" : phase;
    };
  }

  private String paint(String code, String s) {
    return enabled && !s.isEmpty() ? "\u001b[" + code + "m" + s + RESET : s;
  }
}
