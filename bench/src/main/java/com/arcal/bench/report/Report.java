package com.arcal.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every figure of a run, in the order measured, plus notes (skipped scenarios, what a figure
 * includes). Printed as a table, written as JSON. Thread-safe: scenarios add from their thread.
 */
public final class Report {
  private final List<Figure> figures = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  public synchronized void add(Figure figure) {
    figures.add(figure);
  }

  public synchronized void note(String note) {
    notes.add(note);
  }

  public synchronized List<Figure> figures() {
    return List.copyOf(figures);
  }

  public synchronized List<String> notes() {
    return List.copyOf(notes);
  }

  /** A fixed-width table: scenario, figure, value, unit, goal, verdict. */
  public synchronized void printTable(PrintStream out) {
    String[] header = {"scenario", "figure", "value", "unit", "goal", ""};
    List<String[]> rows = new ArrayList<>();
    rows.add(header);
    for (Figure f : figures) {
      rows.add(new String[] {f.scenario(), f.name(), Format.number(f.value()), f.unit(), f.goal(), f.verdict()});
    }
    int[] width = new int[header.length];
    rows.forEach(r -> {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    });
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        String cell = i == 2 ? pad(r[i], width[i], true) : pad(r[i], width[i], false);
        line.append(cell).append(i + 1 < r.length ? " | " : "");
      }
      out.println(line.toString().stripTrailing());
    }
    notes.forEach(n -> out.println("note: " + n));
  }

  /** Writes {@code <dir>/<timestamp>.json} and returns its path. */
  public synchronized Path writeJson(Path dir, Instant at, Map<String, Object> context) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(at.toString().replace(':', '-') + ".json");
    Map<String, Object> doc = new LinkedHashMap<>(context);
    doc.put("figures", figures);
    doc.put("notes", notes);
    new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(file.toFile(), doc);
    return file;
  }

  private static String pad(String s, int width, boolean right) {
    String spaces = " ".repeat(Math.max(0, width - s.length()));
    return right ? spaces + s : s + spaces;
  }
}
