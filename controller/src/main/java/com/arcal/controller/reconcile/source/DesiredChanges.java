package com.arcal.controller.reconcile.source;

import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.store.DesiredStateStore;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/** Every sale whose desired spec changed (API, CLI, hand edit), at once and ahead of routine work. */
public final class DesiredChanges implements Source {
  private final DesiredStateStore store;
  private final Consumer<SaleId> enqueue;

  public DesiredChanges(DesiredStateStore store, Consumer<SaleId> enqueue) {
    this.store = store;
    this.enqueue = enqueue;
  }

  @Override
  public void start(ScheduledExecutorService scheduler) {
    store.watch(this::changed);
  }

  private void changed(DesiredState before, DesiredState after) {
    Set<SaleId> keys = new HashSet<>(before.asMap().keySet());
    keys.addAll(after.asMap().keySet());
    for (SaleId id : keys) {
      if (!before.sale(id).equals(after.sale(id))) {
        enqueue.accept(id);
      }
    }
  }
}
