package com.arcal.bench.report;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of a sample. */
public final class Percentiles {
  private final double[] sorted;

  public Percentiles(Collection<? extends Number> sample) {
    this.sorted = sample.stream().mapToDouble(Number::doubleValue).sorted().toArray();
  }

  public int size() {
    return sorted.length;
  }

  /** The p-th percentile (0 < p <= 100); NaN for an empty sample. */
  public double at(double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  public double max() {
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
  }

  @Override
  public String toString() {
    return Arrays.toString(sorted);
  }
}
