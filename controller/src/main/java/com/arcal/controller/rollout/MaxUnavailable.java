package com.arcal.controller.rollout;

/**
 * How many sales a rollout may have not Running at once because of it: a count, or a percentage
 * of the desired sales (rounded down, as a Deployment's {@code maxUnavailable}), never less than 1
 * so that a rollout always moves.
 *
 * @param count the fixed number, when {@code percent} is 0
 * @param percent the share of the desired sales, 1-100; 0 when {@code count} rules
 */
public record MaxUnavailable(int count, int percent) {
  public MaxUnavailable {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("a percentage must be 1-100%, got " + percent + "%");
    }
    if (percent == 0 && count < 1) {
      throw new IllegalArgumentException("a count must be at least 1, got " + count);
    }
  }

  public static MaxUnavailable defaults() {
    return new MaxUnavailable(0, 10);
  }

  /**
   * Reads "5" or "10%".
   *
   * @throws IllegalArgumentException with a message saying what is expected
   */
  public static MaxUnavailable parse(String raw) {
    String value = raw.trim();
    try {
      if (value.endsWith("%")) {
        int percent = Integer.parseInt(value.substring(0, value.length() - 1).trim());
        if (percent < 1) {
          throw new IllegalArgumentException("a percentage must be 1-100%, got " + value);
        }
        return new MaxUnavailable(0, percent);
      }
      return new MaxUnavailable(Integer.parseInt(value), 0);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "expected a count of sales (e.g. 5) or a percentage of the desired sales (e.g. 10%), got '" + raw + "'");
    }
  }

  /** The limit for a fleet of {@code desired} sales. */
  public int of(int desired) {
    return percent == 0 ? count : Math.max(1, desired * percent / 100);
  }

  @Override
  public String toString() {
    return percent == 0 ? Integer.toString(count) : percent + "%";
  }
}
