package com.arcal.controller.azure;

import java.time.Duration;

/**
 * A request our own ARM budget refused: nothing was sent, so nothing can have been applied. Always
 * retryable, and {@link #retryAfter()} is always present (the slot the budget handed out). Callers
 * recognise a refusal by this type, so that it is deferred for its slot instead of counted as a
 * failure of the sale. Made by {@link ArmException#budgetExhausted}.
 */
public final class BudgetExhaustedException extends ArmException {
  private static final long serialVersionUID = 1L;
  /** The code reported by {@link #code()}; ARM itself never sends it. */
  private static final String CODE = "ClientBudgetExhausted";

  BudgetExhaustedException(String message, Duration retryAfter) {
    super(message, 0, CODE, retryAfter, false, null);
  }
}
