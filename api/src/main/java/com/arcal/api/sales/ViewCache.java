package com.arcal.api.sales;

import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.status.StatusBoard;
import com.arcal.controller.store.DesiredStateStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Serialised read views ({@code GET /sales}, {@code GET /sales/{id}}), reused while neither the
 * status board (its revision) nor the desired state (its version) has changed: dashboards poll
 * them, and most polls see nothing new.
 *
 * <p>The key is read before the content, so a cached body is never older than its key; a change
 * racing with a render at worst costs one extra render on the next request.
 */
final class ViewCache {
  /** A rendered body and the desired-state version it was rendered from (its ETag). */
  record View(long revision, String version, byte[] body) {}

  /** More views than this (ids of sales long gone) and the cache starts afresh. */
  private static final int MAX_VIEWS = 50_000;

  private final StatusBoard board;
  private final DesiredStateStore store;
  private final Map<Object, View> views = new ConcurrentHashMap<>();

  ViewCache(StatusBoard board, DesiredStateStore store) {
    this.board = board;
    this.store = store;
  }

  /** The view cached under {@code key}, rendered again only when the board or the store moved. */
  View get(Object key, Function<DesiredState, byte[]> render) {
    long revision = board.revision();
    DesiredState desired = store.snapshot();
    View view = views.get(key);
    if (view != null && view.revision() == revision && view.version().equals(desired.version())) {
      return view;
    }
    View fresh = new View(revision, desired.version(), render.apply(desired));
    if (views.size() >= MAX_VIEWS) {
      views.clear();
    }
    views.put(key, fresh);
    return fresh;
  }
}
