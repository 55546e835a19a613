package com.arcal.api.sales;

import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.status.StatusBoard;
import com.arcal.controller.store.DesiredStateStore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The serialised {@code GET /sales} body, reused while neither the status board (its revision)
 * nor the desired state (its version) has changed: dashboards poll it, and most polls see
 * nothing new.
 *
 * <p>The key is read before the content, so a cached body is never older than its key; a change
 * racing with a render at worst costs one extra render on the next request.
 */
final class SalesListCache {
  private record Entry(long revision, String version, byte[] body) {}

  private final StatusBoard board;
  private final DesiredStateStore store;
  private final Function<DesiredState, byte[]> render;
  private final AtomicReference<Entry> cached = new AtomicReference<>();

  SalesListCache(StatusBoard board, DesiredStateStore store, Function<DesiredState, byte[]> render) {
    this.board = board;
    this.store = store;
    this.render = render;
  }

  byte[] body() {
    long revision = board.revision();
    DesiredState desired = store.snapshot();
    Entry entry = cached.get();
    if (entry != null && entry.revision() == revision && entry.version().equals(desired.version())) {
      return entry.body();
    }
    byte[] body = render.apply(desired);
    cached.set(new Entry(revision, desired.version(), body));
    return body;
  }
}
