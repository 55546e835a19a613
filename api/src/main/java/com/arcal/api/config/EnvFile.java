package com.arcal.api.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code .env} file the way the original service's dotenv did: {@code KEY=VALUE} lines,
 * an optional leading {@code export}, blank lines and {@code #} comments, values bare (a
 * {@code " #"} starts a comment), single-quoted (literal) or double-quoted ({@code \n}, {@code \"}
 * and {@code \\} escapes). A line that is none of these stops start-up: a typo in the file must
 * not silently drop a setting.
 */
public final class EnvFile {
  private static final Pattern LINE =
      Pattern.compile("\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*?)\\s*");

  private EnvFile() {}

  /** The variables of the file, or none when it does not exist. */
  public static Map<String, String> read(Path file) {
    if (!Files.exists(file)) {
      return Map.of();
    }
    try {
      return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new SettingsException(file.toString(), "cannot be read: " + e.getMessage());
    }
  }

  static Map<String, String> parse(List<String> lines, String name) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      String where = name + " line " + (i + 1);
      if (!m.matches()) {
        throw new SettingsException(where, "expected KEY=VALUE (or a # comment)");
      }
      values.put(m.group(1), value(m.group(2), where));
    }
    return values;
  }

  private static String value(String raw, String where) {
    if (raw.startsWith("'")) {
      int end = raw.indexOf('\'', 1);
      requireOnlyComment(raw, end, where);
      return raw.substring(1, end);
    }
    if (raw.startsWith("\"")) {
      StringBuilder out = new StringBuilder();
      int i = 1;
      for (; i < raw.length() && raw.charAt(i) != '"'; i++) {
        char c = raw.charAt(i);
        if (c == '\\' && i + 1 < raw.length()) {
          char next = raw.charAt(++i);
          out.append(next == 'n' ? '\n' : next);
        } else {
          out.append(c);
        }
      }
      requireOnlyComment(raw, i < raw.length() ? i : -1, where);
      return out.toString();
    }
    int comment = raw.indexOf(" #");
    return (comment >= 0 ? raw.substring(0, comment) : raw).strip();
  }

  private static void requireOnlyComment(String raw, int closingQuote, String where) {
    if (closingQuote < 0) {
      throw new SettingsException(where, "the quoted value has no closing quote");
    }
    String rest = raw.substring(closingQuote + 1).strip();
    if (!rest.isEmpty() && !rest.startsWith("#")) {
      throw new SettingsException(where, "unexpected text after the closing quote");
    }
  }
}
