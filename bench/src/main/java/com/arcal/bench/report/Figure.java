package com.arcal.bench.report;

import java.util.Objects;

/**
 * One measured figure, beside the bound it is judged against.
 *
 * @param scenario the scenario that measured it
 * @param name what was measured, with its conditions ("N=1000 time to all Running")
 * @param value the measurement
 * @param unit its unit ("s", "ms", "req/s", "MiB", "")
 * @param goal the bound in words ("<= 1.05"), empty when the figure is informative
 * @param met whether the goal is met; null when there is no goal
 */
public record Figure(String scenario, String name, double value, String unit, String goal, Boolean met) {
  public Figure {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(goal, "goal");
    if (goal.isEmpty() && met != null) {
      throw new IllegalArgumentException("a figure without a goal cannot be met or missed");
    }
  }

  /** A figure reported for information. */
  public static Figure info(String scenario, String name, double value, String unit) {
    return new Figure(scenario, name, value, unit, "", null);
  }

  /** A figure that should be at most {@code bound}. */
  public static Figure atMost(String scenario, String name, double value, String unit, double bound) {
    return new Figure(scenario, name, value, unit, "<= " + Format.number(bound), value <= bound);
  }

  /** A figure that should be at least {@code bound}. */
  public static Figure atLeast(String scenario, String name, double value, String unit, double bound) {
    return new Figure(scenario, name, value, unit, ">= " + Format.number(bound), value >= bound);
  }

  public String verdict() {
    return met == null ? "" : met ? "ok" : "MISSED";
  }
}
