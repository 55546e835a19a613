package com.arcal.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * What an edit changes in the desired state, sale by sale and field by field ({@code cpu},
 * {@code config.currency}...). {@code generation} is left out: the store manages it.
 */
public final class DocumentDiff {
  /** One changed sale: {@code +} added, {@code -} removed, {@code ~} changed, with its field lines. */
  public record Change(char sign, String saleId, List<String> fields) {}

  private final List<Change> changes;

  private DocumentDiff(List<Change> changes) {
    this.changes = List.copyOf(changes);
  }

  /** Compares two desired-state documents (parsed JSON with a {@code sales} object). */
  public static DocumentDiff between(JsonNode current, JsonNode proposed) {
    Map<String, Map<String, String>> before = flatten(current);
    Map<String, Map<String, String>> after = flatten(proposed);
    SortedSet<String> ids = new TreeSet<>(before.keySet());
    ids.addAll(after.keySet());
    List<Change> changes = new ArrayList<>();
    for (String id : ids) {
      Map<String, String> was = before.get(id);
      Map<String, String> now = after.get(id);
      if (was == null) {
        List<String> fields = new ArrayList<>();
        now.forEach((k, v) -> fields.add(k + ": " + v));
        changes.add(new Change('+', id, fields));
      } else if (now == null) {
        changes.add(new Change('-', id, List.of()));
      } else if (!was.equals(now)) {
        changes.add(new Change('~', id, changedFields(was, now)));
      }
    }
    return new DocumentDiff(changes);
  }

  private static List<String> changedFields(Map<String, String> was, Map<String, String> now) {
    SortedSet<String> keys = new TreeSet<>(was.keySet());
    keys.addAll(now.keySet());
    List<String> fields = new ArrayList<>();
    for (String k : keys) {
      if (!Objects.equals(was.get(k), now.get(k))) {
        fields.add(k + ": " + shown(was.get(k)) + " -> " + shown(now.get(k)));
      }
    }
    return fields;
  }

  private static String shown(String value) {
    return value == null ? "(unset)" : value;
  }

  /** Sale id to its fields as {@code field -> value}; config entries as {@code config.<key>}. */
  private static Map<String, Map<String, String>> flatten(JsonNode document) {
    Map<String, Map<String, String>> sales = new TreeMap<>();
    document.path("sales").properties().forEach(sale -> {
      Map<String, String> fields = new TreeMap<>();
      sale.getValue().properties().forEach(f -> {
        if (f.getKey().equals("config")) {
          f.getValue().properties().forEach(c -> fields.put("config." + c.getKey(), c.getValue().asText()));
        } else if (!f.getKey().equals("generation")) {
          fields.put(f.getKey(), f.getValue().asText());
        }
      });
      sales.put(sale.getKey(), fields);
    });
    return sales;
  }

  public List<Change> changes() {
    return changes;
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  public void print(PrintWriter out, Palette palette) {
    if (changes.isEmpty()) {
      out.println("Desired state: no changes.");
      out.flush();
      return;
    }
    out.println("Desired state changes:");
    for (Change c : changes) {
      UnaryOperator<String> colour = colour(c.sign(), palette);
      String note = switch (c.sign()) {
        case '+' -> "   (new)";
        case '-' -> "   (removed)";
        default -> "";
      };
      out.println(colour.apply("  " + c.sign() + " " + c.saleId() + note));
      for (String field : c.fields()) {
        out.println(colour.apply("      " + field));
      }
    }
    out.flush();
  }

  private static UnaryOperator<String> colour(char sign, Palette palette) {
    return switch (sign) {
      case '+' -> palette::green;
      case '-' -> palette::red;
      default -> palette::yellow;
    };
  }
}
