package com.arcal.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads settings from environment variables. A bad value fails with one line naming the variable
 * and what it expects, so a misconfigured start explains itself.
 */
final class EnvReader {
  private final Map<String, String> env;

  EnvReader(Map<String, String> env) {
    this.env = env;
  }

  private String raw(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** A port 0-65535; with {@code allowOff}, also -1 meaning "do not listen". */
  int port(String name, int dflt, boolean allowOff) {
    String value = raw(name);
    if (value == null) {
      return dflt;
    }
    int min = allowOff ? -1 : 0;
    try {
      int port = Integer.parseInt(value);
      if (port >= min && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(name, value, "a port number " + min + "-65535" + (allowOff ? " (-1 = off)" : ""));
  }

  int positiveInt(String name, int dflt) {
    String value = raw(name);
    if (value == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(name, value, "a positive integer");
  }

  Duration millis(String name, Duration dflt) {
    String value = raw(name);
    if (value == null) {
      return dflt;
    }
    try {
      long ms = Long.parseLong(value);
      if (ms >= 0) {
        return Duration.ofMillis(ms);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(name, value, "a non-negative number of milliseconds");
  }

  String text(String name, String dflt) {
    String value = raw(name);
    return value == null ? dflt : value;
  }

  Path path(String name, String dflt) {
    return Path.of(text(name, dflt));
  }

  /** A comma-separated list of non-empty names. */
  List<String> names(String name, List<String> dflt) {
    String value = raw(name);
    if (value == null) {
      return dflt;
    }
    List<String> names = Arrays.stream(value.split(",")).map(String::trim).toList();
    if (names.stream().anyMatch(String::isEmpty)) {
      throw bad(name, value, "a comma-separated list of non-empty names");
    }
    return names;
  }

  /** A comma-separated list of distinct names, each matching {@code pattern}. */
  List<String> names(String name, List<String> dflt, Pattern pattern, String expected) {
    List<String> names = names(name, dflt);
    if (names.stream().anyMatch(n -> !pattern.matcher(n).matches())
        || names.stream().distinct().count() != names.size()) {
      throw bad(name, raw(name), "a comma-separated list of distinct " + expected);
    }
    return names;
  }

  /** One of {@code choices} (case-insensitive), returned lower-case. */
  String choice(String name, String dflt, List<String> choices) {
    String value = raw(name);
    if (value == null) {
      return dflt;
    }
    return choices.stream()
        .filter(c -> c.equalsIgnoreCase(value))
        .findFirst()
        .orElseThrow(() -> bad(name, value, "one of " + String.join("|", choices)));
  }

  private static IllegalArgumentException bad(String name, String value, String expected) {
    String shown = value.replaceAll("\\s+", " ");
    return new IllegalArgumentException(name + " must be " + expected + ", got '" + shown + "'");
  }
}
