package com.arcal.controller.heal;

/**
 * How many of a fleet: a count ({@code 3}) or a share ({@code 10%}), never less than one, like a
 * Kubernetes {@code maxUnavailable}.
 *
 * @param count the count when not a share
 * @param percent the share in percent, or -1 for a count
 */
public record Quota(int count, int percent) {

  public Quota {
    if (percent < 0 && count < 1) {
      throw new IllegalArgumentException("a count must be at least 1, not " + count);
    }
    if (percent == 0 || percent > 100) {
      throw new IllegalArgumentException("a share must be 1-100%, not " + percent + "%");
    }
  }

  public static Quota ofCount(int count) {
    return new Quota(count, -1);
  }

  public static Quota ofPercent(int percent) {
    return new Quota(0, percent);
  }

  /**
   * Parses {@code 10%} or {@code 3}.
   *
   * @throws IllegalArgumentException saying what was expected
   */
  public static Quota parse(String text) {
    String t = text.strip();
    try {
      if (t.endsWith("%")) {
        return ofPercent(Integer.parseInt(t.substring(0, t.length() - 1).strip()));
      }
      return ofCount(Integer.parseInt(t));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a count (e.g. 3) or a share (e.g. 10%), not '" + text + "'");
    }
  }

  /** How many of {@code fleet}: the share rounded down, at least 1. */
  public int of(int fleet) {
    return percent < 0 ? count : Math.max(1, (int) ((long) fleet * percent / 100));
  }

  @Override
  public String toString() {
    return percent < 0 ? Integer.toString(count) : percent + "%";
  }
}
