package com.arcal.api.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads of environment variables. A blank value counts as unset; a value that does not
 * parse is a {@link SettingsException} naming the variable and what it expects.
 */
final class Variables {
  private final Map<String, String> env;

  Variables(Map<String, String> env) {
    this.env = env;
  }

  Optional<String> optional(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  String text(String name, String fallback) {
    return optional(name).orElse(fallback);
  }

  Path path(String name, String fallback) {
    try {
      return Path.of(text(name, fallback)).toAbsolutePath().normalize();
    } catch (RuntimeException e) {
      throw new SettingsException(name, "expected a file system path");
    }
  }

  int integer(String name, int fallback, int min, int max, String expected) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.get());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new SettingsException(name, "expected " + expected + ", got '" + raw.get() + "'");
  }

  boolean bool(String name, boolean fallback) {
    return switch (text(name, Boolean.toString(fallback)).toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new SettingsException(name, "expected true or false");
    };
  }

  String choice(String name, String fallback, String... allowed) {
    String value = text(name, fallback).toLowerCase(Locale.ROOT);
    for (String a : allowed) {
      if (a.equals(value)) {
        return value;
      }
    }
    throw new SettingsException(
        name, "expected one of " + String.join(", ", allowed) + ", got '" + value + "'");
  }

  /**
   * A duration written {@code 500ms}, {@code 30s}, {@code 5m} or {@code 1h}, between {@code min}
   * and {@code max}.
   */
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  Duration duration(String name, Duration fallback, Duration min, Duration max) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    Matcher m = DURATION.matcher(raw.get().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration value = switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
      if (value.compareTo(min) >= 0 && value.compareTo(max) <= 0) {
        return value;
      }
    }
    throw new SettingsException(name, "expected a duration from " + words(min) + " to " + words(max)
        + " such as 30s or 5m, got '" + raw.get() + "'");
  }

  private static String words(Duration d) {
    return d.toMillis() % 1000 != 0 ? d.toMillis() + "ms"
        : d.toSeconds() % 60 != 0 ? d.toSeconds() + "s"
        : d.toMinutes() % 60 != 0 ? d.toMinutes() + "m" : d.toHours() + "h";
  }
}
