package com.arcal.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Columns aligned as kubectl aligns them: upper-case headers, three spaces between columns,
 * no trailing spaces. Widths are computed on the plain text, so a column may be coloured
 * ({@link #style}) without breaking the alignment.
 */
public final class Table {
  private static final String GAP = "   ";

  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();
  private final Map<Integer, UnaryOperator<String>> styles = new HashMap<>();

  public Table(String... headers) {
    this.headers = List.of(headers);
  }

  public Table row(String... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
    }
    List<String> row = new ArrayList<>(cells.length);
    for (String c : cells) {
      row.add(c == null ? "" : c);
    }
    rows.add(row);
    return this;
  }

  /** Colours the cells (not the header) of one column. */
  public Table style(int column, UnaryOperator<String> style) {
    styles.put(column, style);
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  public void print(PrintWriter out, String indent) {
    int[] widths = new int[headers.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = headers.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    out.println(indent + line(headers, widths, false));
    for (List<String> row : rows) {
      out.println(indent + line(row, widths, true));
    }
    out.flush();
  }

  private String line(List<String> cells, int[] widths, boolean styled) {
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      String text = cells.get(c);
      boolean last = c == cells.size() - 1;
      b.append(styled ? styles.getOrDefault(c, UnaryOperator.identity()).apply(text) : text);
      if (!last) {
        b.append(" ".repeat(widths[c] - text.length())).append(GAP);
      }
    }
    return b.toString().stripTrailing();
  }
}
