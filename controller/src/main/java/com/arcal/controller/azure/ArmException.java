package com.arcal.controller.azure;

import com.arcal.controller.ArcalException;
import com.arcal.controller.budget.ArmOperation;
import java.time.Duration;
import java.util.Optional;

/**
 * An ARM call that failed. {@link #outcomeUnknown()} is true when the request may have been
 * applied although no answer came back (timeout, connection lost): the caller must read before it
 * writes again. Made only through the factories, one per way a call can fail, so that whether a
 * failure is retryable is decided here and nowhere else.
 */
public class ArmException extends ArcalException {
  private static final long serialVersionUID = 1L;
  /**
   * The wait of a refusal whose slot is due at once (a token came back meanwhile): a retryAfter of
   * zero would requeue the key for "now", ahead of the callers already queued for that token.
   */
  private static final Duration IMMEDIATE_SLOT_WAIT = Duration.ofMillis(100);

  private final int status;
  private final String code;
  private final transient Duration retryAfter;
  private final boolean outcomeUnknown;

  protected ArmException(
      String message,
      int status,
      String code,
      Duration retryAfter,
      boolean outcomeUnknown,
      Throwable cause) {
    super(message, isRetryable(status, outcomeUnknown), cause);
    this.status = status;
    this.code = code == null ? "" : code;
    this.retryAfter = retryAfter;
    this.outcomeUnknown = outcomeUnknown;
  }

  /**
   * No answer came back (timeout, connection refused or lost). Always retryable.
   *
   * @param outcomeUnknown true when the request may have been applied all the same (a write)
   */
  public static ArmException noAnswer(String message, boolean outcomeUnknown, Throwable cause) {
    return new ArmException(message, 0, "", null, outcomeUnknown, cause);
  }

  /**
   * ARM answered with an error. Retryable for 408, 409 (another operation holds the app), 429
   * and 5xx; any other status is permanent: sending the same request again cannot succeed.
   *
   * @param code ARM's error code, e.g. {@code ContainerAppLockConflict}; null or empty when none
   * @param retryAfter ARM's {@code Retry-After}; null when the answer carried none
   * @param cause the SDK's exception; may be null
   */
  public static ArmException fromResponse(
      String message, int status, String code, Duration retryAfter, Throwable cause) {
    return new ArmException(message, status, code, retryAfter, false, cause);
  }

  /**
   * Our own {@link com.arcal.controller.budget.ArmBudget} had no token of this kind in time: the
   * request was not sent. Retryable after {@code wait}, the slot the budget handed out.
   */
  public static BudgetExhaustedException budgetExhausted(ArmOperation kind, Duration wait) {
    return new BudgetExhaustedException(
        "ARM " + kind.name().toLowerCase() + " budget spent; next token in " + wait.toMillis() + " ms",
        wait.isZero() ? IMMEDIATE_SLOT_WAIT : wait);
  }

  private static boolean isRetryable(int status, boolean outcomeUnknown) {
    return outcomeUnknown || status == 0 || status == 408 || status == 409 || status == 429
        || status >= 500;
  }

  /** HTTP status, 0 when no response came back. */
  public int status() {
    return status;
  }

  /** ARM error code, e.g. {@code ContainerAppLockConflict}; empty when unknown. */
  public String code() {
    return code;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  public boolean outcomeUnknown() {
    return outcomeUnknown;
  }
}
