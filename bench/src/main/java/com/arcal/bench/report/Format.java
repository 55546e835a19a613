package com.arcal.bench.report;

import java.util.Locale;

/** Numbers as the table and the JSON show them: integers plainly, others with 3 significant decimals. */
public final class Format {
  private Format() {}

  public static String number(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    double abs = Math.abs(value);
    String pattern = abs >= 100 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3f";
    return String.format(Locale.ROOT, pattern, value);
  }
}
