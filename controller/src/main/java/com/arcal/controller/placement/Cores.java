package com.arcal.controller.placement;

import java.math.BigDecimal;

/** Core counts as people read them: {@code 0.5}, {@code 100}, never {@code 100.00000001}. */
final class Cores {
  private Cores() {}

  static String format(double cores) {
    return BigDecimal.valueOf(Math.round(cores * 1000) / 1000.0).stripTrailingZeros().toPlainString();
  }
}
