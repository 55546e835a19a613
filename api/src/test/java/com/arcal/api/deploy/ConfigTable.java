package com.arcal.api.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration reference of {@code docs/operations.md}: every table row, under the
 * "Configuration reference" heading, whose first cell is a backticked variable name.
 */
record ConfigTable(Map<String, Row> rows) {
  static final String HEADING = "## Configuration reference";

  private static final Pattern ROW =
      Pattern.compile("(?m)^\\|\\s*`(" + EnvNames.NAME + ")`\\s*\\|([^|]*)\\|(.*)\\|\\s*$");

  private static final Pattern CODE = Pattern.compile("`([^`]*)`");

  /** One documented variable; {@code defaultValue} is the first backticked word of its cell. */
  record Row(String name, String defaultValue, String meaning) {}

  static ConfigTable parse(String markdown) {
    int start = markdown.indexOf("\n" + HEADING + "\n");
    if (start < 0) {
      throw new IllegalArgumentException("docs/operations.md has no line '" + HEADING + "'");
    }
    int end = markdown.indexOf("\n## ", start + HEADING.length() + 1);
    String section = markdown.substring(start, end < 0 ? markdown.length() : end);
    Map<String, Row> rows = new LinkedHashMap<>();
    Matcher m = ROW.matcher(section);
    while (m.find()) {
      String name = m.group(1);
      Row row = new Row(name, defaultOf(m.group(2)), m.group(3).strip());
      if (rows.put(name, row) != null) {
        throw new IllegalArgumentException(name + " has two rows in the configuration reference");
      }
    }
    return new ConfigTable(Map.copyOf(rows));
  }

  private static String defaultOf(String cell) {
    Matcher code = CODE.matcher(cell);
    return code.find() ? code.group(1) : cell.strip();
  }
}
