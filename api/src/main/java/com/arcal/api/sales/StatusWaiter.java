package com.arcal.api.sales;

import com.arcal.controller.sale.SaleId;
import com.arcal.controller.status.SaleStatus;
import com.arcal.controller.status.StatusBoard;
import com.arcal.controller.status.StatusBoard.StatusChange;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Waits for a sale's status to reach a condition, without polling and without holding a request
 * thread: a status-board subscription completes a future (a one-shot latch), and a timer completes
 * it when the time is up. Either way the listener is removed.
 */
final class StatusWaiter {
  private final StatusBoard board;
  private final Executor responses;

  /**
   * @param responses where completions continue: board listeners run on reconcile workers, which
   *     must not write HTTP responses
   */
  StatusWaiter(StatusBoard board, Executor responses) {
    this.board = board;
    this.responses = responses;
  }

  /** Completes (with no value) when {@code reached} holds for the sale's status, or after {@code timeout}. */
  CompletableFuture<Void> await(
      SaleId id, Predicate<Optional<SaleStatus>> reached, Duration timeout) {
    CompletableFuture<Void> latch = new CompletableFuture<>();
    Consumer<StatusChange> listener =
        change -> {
          if (change.saleId().equals(id) && reached.test(change.after())) {
            latch.complete(null);
          }
        };
    // Subscribe before looking, so that a change between the look and the subscription is seen.
    board.subscribe(listener);
    if (reached.test(board.get(id))) {
      latch.complete(null);
    }
    latch.completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS);
    latch.whenComplete((v, e) -> board.unsubscribe(listener));
    return latch.thenApplyAsync(v -> v, responses);
  }
}
