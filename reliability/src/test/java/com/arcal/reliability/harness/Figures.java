package com.arcal.reliability.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures one scenario measured, printed and written to
 * {@code target/reliability-figures/<scenario>.txt} so that docs/reliability.md can quote them.
 */
public final class Figures {
  private final String scenario;
  private final Map<String, String> values = new LinkedHashMap<>();

  public Figures(String scenario) {
    this.scenario = scenario;
  }

  public Figures put(String name, Object value) {
    values.put(name, String.valueOf(value));
    return this;
  }

  /** p50, p99 and max of durations in milliseconds, under {@code name}. */
  public Figures percentiles(String name, List<Long> millis) {
    if (millis.isEmpty()) {
      return put(name, "no samples");
    }
    List<Long> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    return put(name, "p50 " + at(sorted, 0.50) + " ms, p99 " + at(sorted, 0.99) + " ms, max "
        + sorted.get(sorted.size() - 1) + " ms (n=" + sorted.size() + ")");
  }

  /** Nearest-rank percentile. */
  static long at(List<Long> sorted, double quantile) {
    int rank = (int) Math.ceil(quantile * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  /** Prints the figures and writes them to the figures folder; never fails the test. */
  public void publish() {
    StringBuilder text = new StringBuilder("== " + scenario + "\n");
    values.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
    System.out.print(text);
    Path dir = Path.of(System.getProperty("reliability.figures", "target/reliability-figures"));
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(scenario + ".txt"), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
