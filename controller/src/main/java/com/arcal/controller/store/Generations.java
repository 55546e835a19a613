package com.arcal.controller.store;

import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The generation rules, shared by every store: a generation starts at 1, rises by one when the
 * spec changes, never moves otherwise and never goes back while the process runs.
 */
final class Generations {
  private Generations() {}

  /** Result of settling a document read from storage against the state in force. */
  record Settled(SortedMap<SaleId, DesiredSale> sales, boolean writeBack) {}

  static SortedMap<SaleId, DesiredSale> put(
      Map<SaleId, DesiredSale> current, SaleId id, SaleSpec spec) {
    DesiredSale previous = current.get(id);
    SortedMap<SaleId, DesiredSale> next = new TreeMap<>(current);
    next.put(id, next(previous, id, spec));
    return next;
  }

  static SortedMap<SaleId, DesiredSale> delete(Map<SaleId, DesiredSale> current, SaleId id) {
    if (!current.containsKey(id)) {
      throw new UnknownSaleException(id);
    }
    SortedMap<SaleId, DesiredSale> next = new TreeMap<>(current);
    next.remove(id);
    return next;
  }

  static SortedMap<SaleId, DesiredSale> replace(
      Map<SaleId, DesiredSale> current, Map<SaleId, SaleSpec> specs) {
    SortedMap<SaleId, DesiredSale> next = new TreeMap<>();
    specs.forEach((id, spec) -> next.put(id, next(current.get(id), id, spec)));
    return next;
  }

  /**
   * Settles the generations of a document read from storage (a hand edit, or the file at start).
   * A generation written in the document is honoured when it is not lower than what the rules
   * give; otherwise the rules win and {@code writeBack} asks the store to write the document back,
   * so that a restart reading the file alone finds the same generations (an omitted generation
   * reads as 1, so it needs no write-back while it is 1).
   */
  static Settled settle(Map<SaleId, DesiredSale> current, Map<SaleId, DocumentEntry> document) {
    SortedMap<SaleId, DesiredSale> next = new TreeMap<>();
    boolean writeBack = false;
    for (Map.Entry<SaleId, DocumentEntry> e : document.entrySet()) {
      DesiredSale previous = current.get(e.getKey());
      DocumentEntry entry = e.getValue();
      long ruled = previous == null ? 1 : next(previous, e.getKey(), entry.spec()).generation();
      long generation = Math.max(ruled, entry.generation().orElse(0));
      writeBack |= generation != entry.generation().orElse(1);
      next.put(e.getKey(), new DesiredSale(e.getKey(), entry.spec(), generation));
    }
    return new Settled(next, writeBack);
  }

  private static DesiredSale next(DesiredSale previous, SaleId id, SaleSpec spec) {
    if (previous == null) {
      return new DesiredSale(id, spec, 1);
    }
    if (previous.spec().equals(spec)) {
      return previous;
    }
    return new DesiredSale(id, spec, previous.generation() + 1);
  }
}
