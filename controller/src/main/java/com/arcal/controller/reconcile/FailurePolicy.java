package com.arcal.controller.reconcile;

import com.arcal.controller.ArcalException;
import com.arcal.controller.azure.ArmException;
import com.arcal.controller.azure.BudgetExhaustedException;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.StatusBoard;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failed pass into the sale's status and the key's next {@link Result}:
 *
 * <ul>
 *   <li>a permanent error: phase Failed, not retried until the next change or resync;
 *   <li>an error that says when to retry ({@code Retry-After}): retried then;
 *   <li>a refusal of our own ARM budget: the same, and the key is remembered as deferred so the
 *       resync does not pull it forward (it would only be refused again and lose its slot);
 *   <li>anything else: the key's growing backoff.
 * </ul>
 */
public final class FailurePolicy {
  private static final Logger log = LoggerFactory.getLogger(FailurePolicy.class);

  private final StatusBoard board;
  private final Clock clock;
  /** Keys refused by the ARM budget, and when their slot comes. */
  private final Map<SaleId, Instant> budgetDeferred = new ConcurrentHashMap<>();

  public FailurePolicy(StatusBoard board, Clock clock) {
    this.board = board;
    this.clock = clock;
  }

  /** Records the failure in the sale's status and says when to look again. */
  public Result onFailure(SaleId key, Throwable t) {
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    boolean permanent = t instanceof ArcalException e && !e.retryable();
    board.update(
        key,
        s -> permanent ? s.withPhase(Phase.FAILED, null).withError(message) : s.withError(message));
    if (t instanceof ArmException arm && arm.retryAfter().isPresent()) {
      if (arm instanceof BudgetExhaustedException) {
        budgetDeferred.put(key, clock.instant().plus(arm.retryAfter().get()));
      }
      return Result.retryAfter(arm.retryAfter().get());
    }
    if (permanent) {
      log.warn("sale {}: {} (not retried until the next change or resync)", key, message);
      return Result.done();
    }
    if (t instanceof ArcalException) {
      log.info("sale {}: {} (retrying)", key, message);
    } else {
      log.error("sale {}: unexpected failure", key, t);
    }
    return Result.retryWithBackoff();
  }

  /** A pass of the key went through: it no longer waits for a budget slot. */
  public void succeeded(SaleId key) {
    budgetDeferred.remove(key);
  }

  /** True while the key waits for its slot of the ARM budget. */
  public boolean deferred(SaleId key) {
    return budgetDeferred.getOrDefault(key, Instant.MIN).isAfter(clock.instant());
  }
}
