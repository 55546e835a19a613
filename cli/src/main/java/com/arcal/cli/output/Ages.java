package com.arcal.cli.output;

import java.time.Duration;
import java.time.Instant;

/** Ages as kubectl prints them: {@code 45s}, {@code 3m20s}, {@code 2h}, {@code 6d}. */
public final class Ages {
  private Ages() {}

  public static String since(Instant then, Instant now) {
    return format(Duration.between(then, now));
  }

  public static String format(Duration d) {
    long s = Math.max(0, d.toSeconds());
    long m = s / 60;
    long h = m / 60;
    long days = h / 24;
    if (s < 120) {
      return s + "s";
    }
    if (m < 10) {
      return m + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
    }
    if (h < 3) {
      return m + "m";
    }
    if (h < 8) {
      return h + "h" + (m % 60 == 0 ? "" : m % 60 + "m");
    }
    if (h < 48) {
      return h + "h";
    }
    if (days < 8) {
      return days + "d" + (h % 24 == 0 ? "" : h % 24 + "h");
    }
    return days + "d";
  }
}
