package com.arcal.api.deploy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of Bicep's syntax to catch, without a compiler, the mistakes a compiler would:
 * unbalanced delimiters or strings, a module given a parameter it does not declare or not given
 * one it requires, an output read that the module does not declare.
 */
final class Bicep {
  private static final Pattern PARAM =
      Pattern.compile("(?m)^param\\s+(\\w+)\\s+[^=\\n]+?(\\s*=.*)?$");
  private static final Pattern OUTPUT = Pattern.compile("(?m)^output\\s+(\\w+)\\s");
  private static final Pattern MODULE =
      Pattern.compile("(?m)^module\\s+(\\w+)\\s+'([^']+)'\\s*=");
  private static final Pattern KEY = Pattern.compile("^\\s*(\\w+)\\s*:");

  private Bicep() {}

  /** Declared parameters; the value says whether it has a default. */
  static Map<String, Boolean> params(String bicep) {
    Map<String, Boolean> params = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(bicep);
    while (m.find()) {
      params.put(m.group(1), m.group(2) != null);
    }
    return params;
  }

  static Set<String> outputs(String bicep) {
    Set<String> outputs = new LinkedHashSet<>();
    Matcher m = OUTPUT.matcher(bicep);
    while (m.find()) {
      outputs.add(m.group(1));
    }
    return outputs;
  }

  /** Module symbol to the relative path of its file. */
  static Map<String, String> modules(String bicep) {
    Map<String, String> modules = new LinkedHashMap<>();
    Matcher m = MODULE.matcher(bicep);
    while (m.find()) {
      modules.put(m.group(1), m.group(2));
    }
    return modules;
  }

  /** The top-level keys of the {@code params} block of module {@code symbol}. */
  static Set<String> moduleArguments(String bicep, String symbol) {
    Matcher m = Pattern.compile("(?m)^module\\s+" + symbol + "\\s").matcher(bicep);
    if (!m.find()) {
      throw new IllegalArgumentException("no module " + symbol);
    }
    int open = bicep.indexOf("params: {", m.end());
    Set<String> keys = new LinkedHashSet<>();
    int depth = 0;
    for (String line : bicep.substring(open + "params: ".length()).split("\n")) {
      if (depth == 1) {
        Matcher key = KEY.matcher(line);
        if (key.find()) {
          keys.add(key.group(1));
        }
      }
      depth += count(line, '{') + count(line, '[') - count(line, '}') - count(line, ']');
      if (depth <= 0) {
        return keys;
      }
    }
    throw new IllegalArgumentException("params block of " + symbol + " never closes");
  }

  /**
   * Checks that strings, interpolations, comments and delimiters are balanced; returns an empty
   * string when they are, else where they are not.
   */
  static String balance(String bicep) {
    Deque<Character> stack = new ArrayDeque<>();
    int line = 1;
    for (int i = 0; i < bicep.length(); i++) {
      char c = bicep.charAt(i);
      boolean inString = !stack.isEmpty() && stack.peek() == '\'';
      if (c == '\n' && !inString) {
        line++;
      }
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '\'') {
          stack.pop();
        } else if (c == '$' && i + 1 < bicep.length() && bicep.charAt(i + 1) == '{') {
          stack.push('$');
          i++;
        } else if (c == '\n') {
          return "line " + line + ": string not closed on its line";
        }
        continue;
      }
      if (c == '/' && bicep.startsWith("//", i)) {
        i = bicep.indexOf('\n', i) - 1;
        if (i < 0) {
          break;
        }
      } else if (c == '/' && bicep.startsWith("/*", i)) {
        i = bicep.indexOf("*/", i) + 1;
      } else if (c == '\'') {
        stack.push('\'');
      } else if (c == '{' || c == '[' || c == '(') {
        stack.push(c);
      } else if (c == '}' || c == ']' || c == ')') {
        char open = stack.isEmpty() ? ' ' : stack.pop();
        boolean matches =
            (c == '}' && (open == '{' || open == '$')) || (c == ']' && open == '[') || (c == ')' && open == '(');
        if (!matches) {
          return "line " + line + ": '" + c + "' closes '" + open + "'";
        }
      }
    }
    return stack.isEmpty() ? "" : "end of file: unclosed " + stack;
  }

  private static int count(String line, char c) {
    int n = 0;
    boolean inString = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == '\'') {
        inString = !inString;
      } else if (!inString && ch == c) {
        n++;
      } else if (!inString && ch == '/' && line.startsWith("//", i)) {
        break;
      }
    }
    return n;
  }
}
