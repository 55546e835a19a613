package com.arcal.controller.store;

import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.store.DesiredStateStore.Written;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.UnaryOperator;

/**
 * One caller's write while it waits for the flush that holds it: the version it was based on,
 * its edit of the sales, then its answer, set once by the thread that committed its batch and
 * read by the caller after {@link GroupCommit#submit} returns (whose lock orders the two).
 */
final class PendingWrite {
  private final Optional<String> expectedVersion;
  private final UnaryOperator<SortedMap<SaleId, DesiredSale>> edit;
  private Written written;
  private RuntimeException failure;

  PendingWrite(
      Optional<String> expectedVersion, UnaryOperator<SortedMap<SaleId, DesiredSale>> edit) {
    this.expectedVersion = expectedVersion;
    this.edit = edit;
  }

  Optional<String> expectedVersion() {
    return expectedVersion;
  }

  UnaryOperator<SortedMap<SaleId, DesiredSale>> edit() {
    return edit;
  }

  void answer(Written result) {
    if (!answered()) {
      written = result;
    }
  }

  void fail(RuntimeException e) {
    if (!answered()) {
      failure = e;
    }
  }

  boolean answered() {
    return written != null || failure != null;
  }

  /** The state after the flush that held this write, or its failure thrown. */
  Written outcome() {
    if (failure != null) {
      throw failure;
    }
    if (written == null) {
      // Only an Error in the committing thread leaves a write unanswered; say so, never hang.
      throw new StoreUnavailableException(
          "the write was not committed: the batch it joined failed unexpectedly; try again", null);
    }
    return written;
  }
}
