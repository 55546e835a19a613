package com.arcal.controller.sale;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Compares cpu and memory amounts by value: Azure answers {@code cpu} as a number (0.5, 1.0),
 * whatever spelling was sent, so "1" and "1.0" must be the same amount.
 */
public final class ResourceAmounts {
  private ResourceAmounts() {}

  /** The plainest spelling of a cpu amount Azure reported ("1", "0.5", "0.75"). */
  public static String plainCpu(double cpu) {
    return BigDecimal.valueOf(cpu).stripTrailingZeros().toPlainString();
  }

  /** Whether two cpu spellings are the same amount; false when either is not a number. */
  public static boolean sameCpu(String a, String b) {
    return number(a).flatMap(x -> number(b).map(y -> x.compareTo(y) == 0)).orElse(false);
  }

  /** Whether two memory spellings ("1Gi", "1.0Gi") are the same amount. */
  public static boolean sameMemory(String a, String b) {
    return a.endsWith("Gi") && b.endsWith("Gi") && sameCpu(gibibytes(a), gibibytes(b));
  }

  private static String gibibytes(String memory) {
    return memory.substring(0, memory.length() - 2);
  }

  private static Optional<BigDecimal> number(String s) {
    try {
      return Optional.of(new BigDecimal(s));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
