package com.arcal.controller.store;

import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.store.DesiredStateStore.Written;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * The writes of one batch applied in arrival order, each to the sales the earlier ones left and
 * each checked against the version of those sales: what the same writes one after the other
 * would have done, but with one document to flush at the end. A write refused (stale version,
 * unknown sale) leaves the sales as they were for the next one. Nobody is answered until {@link
 * #answer}, which the store calls once the document is flushed.
 */
final class WriteBatch {
  /** How one write ended, before its answer is sent. */
  private sealed interface Outcome {}

  private record Applied(boolean changed) implements Outcome {}

  private record Stale(String expected) implements Outcome {}

  private record Refused(RuntimeException reason) implements Outcome {}

  private final DesiredState start;
  private final DesiredStateCodec codec;
  private final List<PendingWrite> writes;
  private final List<Outcome> outcomes = new ArrayList<>();
  private SortedMap<SaleId, DesiredSale> sales;
  /** The document of {@link #sales}; null until needed, and again after each change. */
  private byte[] document;

  private WriteBatch(DesiredState start, DesiredStateCodec codec, List<PendingWrite> writes) {
    this.start = start;
    this.codec = codec;
    this.writes = writes;
    this.sales = start.sales();
  }

  /** Applies {@code writes}, in their order, to the state in force {@code start}. */
  static WriteBatch apply(DesiredState start, DesiredStateCodec codec, List<PendingWrite> writes) {
    WriteBatch batch = new WriteBatch(start, codec, writes);
    writes.forEach(batch::apply);
    return batch;
  }

  /** True when the sales differ from the state in force: there is a document to flush. */
  boolean changed() {
    return !sales.equals(start.sales());
  }

  SortedMap<SaleId, DesiredSale> sales() {
    return sales;
  }

  /** The canonical document of the sales after every write of the batch. */
  byte[] document() {
    if (document == null) {
      document = codec.encode(sales.values());
    }
    return document;
  }

  /** Answers every write, now that {@code flushed} (holding all their changes) is in force. */
  void answer(DesiredState flushed) {
    for (int i = 0; i < writes.size(); i++) {
      PendingWrite write = writes.get(i);
      Outcome outcome = outcomes.get(i);
      if (outcome instanceof Applied a) {
        write.answer(new Written(flushed, a.changed()));
      } else if (outcome instanceof Stale s) {
        // Named after the flush: the version a client must read again is the one in force.
        write.fail(new StaleVersionException(s.expected(), flushed.version()));
      } else if (outcome instanceof Refused r) {
        write.fail(r.reason());
      }
    }
  }

  private void apply(PendingWrite write) {
    if (write.expectedVersion().isPresent() && !write.expectedVersion().get().equals(version())) {
      outcomes.add(new Stale(write.expectedVersion().get()));
      return;
    }
    SortedMap<SaleId, DesiredSale> after;
    try {
      after = write.edit().apply(sales);
    } catch (RuntimeException e) {
      // The edit's own refusal (an unknown sale): that write's answer, not the batch's.
      outcomes.add(new Refused(e));
      return;
    }
    boolean changed = !after.equals(sales);
    if (changed) {
      sales = after;
      document = null;
    }
    outcomes.add(new Applied(changed));
  }

  /**
   * The version of the sales as the earlier writes left them: the one in force while they changed
   * nothing (a hand-written document's hash is not that of its canonical form), else the hash of
   * the document they would flush, computed only for a conditional write that needs it.
   */
  private String version() {
    return changed() ? DesiredStateCodec.version(document()) : start.version();
  }
}
