package com.arcal.controller.store;

import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the desired state lives. Implementations keep the last good document in force: a
 * document that does not parse or validate is reported through {@link #problem()} and never
 * applied. Every write is atomic and conditional: {@code expectedVersion} (when present) must be
 * the version of the current document, else {@link StaleVersionException} and nothing changes.
 */
public interface DesiredStateStore extends AutoCloseable {

  /** The desired state in force (last good document). Cheap; never blocks on I/O. */
  DesiredState snapshot();

  /**
   * Why the backing document is not in force right now (parse error with line/column, invalid
   * field, unreadable file), or empty when the document in force is the backing document.
   */
  Optional<StoreProblem> problem();

  /**
   * True when no document existed when the store opened (first start of the orchestrator). The
   * controller then adopts the apps it owns instead of deleting them.
   */
  boolean createdFresh();

  /**
   * The state in force after a write, and whether the write changed it: a caller answers "done"
   * or "accepted" from this, not from two snapshots another writer may come between. Writes that
   * arrive together are flushed together (one document, one storage write), so {@code state} is
   * the document that was flushed with this write: it holds this change and may hold those of
   * the writes flushed with it; its version is the one in storage.
   */
  record Written(DesiredState state, boolean changed) {
    public Written {
      Objects.requireNonNull(state, "state");
    }
  }

  /**
   * Creates or replaces one sale's spec. The generation is increased only when the spec differs
   * from the current one; an identical spec changes nothing and keeps the version.
   */
  Written put(SaleId id, SaleSpec spec, Optional<String> expectedVersion);

  /** Removes one sale; {@link UnknownSaleException} when absent. */
  DesiredState delete(SaleId id, Optional<String> expectedVersion);

  /**
   * Replaces the whole document (what an operator editing it through the API does). Generations
   * of sales whose spec did not change are kept.
   */
  DesiredState replace(Map<SaleId, SaleSpec> sales, String expectedVersion);

  /** Calls the listener after every change that took effect, including hand edits of the file. */
  void watch(StoreListener listener);

  @Override
  void close();
}
