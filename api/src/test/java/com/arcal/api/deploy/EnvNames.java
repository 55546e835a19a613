package com.arcal.api.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Environment variable names as each kind of file spells them: Java string literals, Dockerfile
 * {@code ENV}, Bicep {@code name: 'X'} entries, {@code .env} lines, and Markdown table rows.
 */
final class EnvNames {
  /** An environment variable name: upper case words joined by underscores. */
  static final String NAME = "[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+";

  private static final Pattern JAVA_LITERAL = Pattern.compile("\"(" + NAME + ")\"");
  private static final Pattern BICEP_ENV_NAME = Pattern.compile("\\bname:\\s*'(" + NAME + ")'");
  private static final Pattern DOTENV_LINE =
      Pattern.compile("(?m)^\\s*#?\\s*(?:export\\s+)?(" + NAME + ")=");
  /** Dockerfile ENV keys may be any shell name ({@code PORT} has no underscore). */
  private static final Pattern ENV_ASSIGNMENT =
      Pattern.compile("(?:^|\\s)([A-Za-z_][A-Za-z0-9_]*)=(\\S*)");

  private EnvNames() {}

  /** Every whole string literal of {@code files} that looks like a variable name. */
  static Set<String> javaLiterals(List<Path> files) {
    Set<String> names = new TreeSet<>();
    for (Path file : files) {
      Matcher m = JAVA_LITERAL.matcher(read(file));
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /** Variables set by the Dockerfile's {@code ENV KEY=value} instructions, in order. */
  static Map<String, String> dockerfileEnv(String dockerfile) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String instruction : dockerInstructions(dockerfile)) {
      if (instruction.regionMatches(true, 0, "ENV ", 0, 4)) {
        Matcher m = ENV_ASSIGNMENT.matcher(instruction.substring(4));
        boolean any = false;
        while (m.find()) {
          values.put(m.group(1), m.group(2));
          any = true;
        }
        if (!any) {
          throw new IllegalArgumentException("write ENV as KEY=value: " + instruction);
        }
      }
    }
    return values;
  }

  /** The Dockerfile's instructions, comments dropped and backslash continuations joined. */
  static List<String> dockerInstructions(String dockerfile) {
    List<String> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : dockerfile.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      if (current.length() > 0) {
        instructions.add(current.toString().strip());
      }
      current.setLength(0);
    }
    return instructions;
  }

  /** Names of the container environment entries of a Bicep file. */
  static Set<String> bicepEnv(String bicep) {
    Set<String> names = new TreeSet<>();
    Matcher m = BICEP_ENV_NAME.matcher(bicep);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** Names a {@code .env} file assigns or shows commented out ({@code # NAME=}). */
  static Set<String> dotEnv(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = DOTENV_LINE.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
