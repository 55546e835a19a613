package com.arcal.controller.store;

import com.arcal.controller.sale.DesiredState;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers store changes to listeners outside the store's lock, in the order they happened.
 * Changes are {@link #enqueue}d while the store holds its lock (so the queue order is the order
 * of the changes) and {@link #deliver}ed after it is released, by one thread at a time.
 */
final class ChangeNotifier {
  private static final Logger log = LoggerFactory.getLogger(ChangeNotifier.class);

  private record Change(DesiredState before, DesiredState after) {}

  private final List<StoreListener> listeners = new CopyOnWriteArrayList<>();
  private final Queue<Change> pending = new ConcurrentLinkedQueue<>();
  private final ReentrantLock delivering = new ReentrantLock();

  void add(StoreListener listener) {
    listeners.add(listener);
  }

  void enqueue(DesiredState before, DesiredState after) {
    pending.add(new Change(before, after));
  }

  /**
   * Delivers what is pending unless another thread is delivering already: that thread drains the
   * queue, our changes included, so a listener that waits for another writer cannot deadlock. A
   * listener that writes to the store from its own thread gets its change delivered after the
   * current one, never nested inside it.
   */
  void deliver() {
    if (delivering.isHeldByCurrentThread()) {
      return;
    }
    // Re-check after unlocking: a change enqueued while we were finishing would be stranded.
    while (!pending.isEmpty() && delivering.tryLock()) {
      try {
        Change change;
        while ((change = pending.poll()) != null) {
          for (StoreListener listener : listeners) {
            notify(listener, change);
          }
        }
      } finally {
        delivering.unlock();
      }
    }
  }

  private static void notify(StoreListener listener, Change change) {
    try {
      listener.changed(change.before(), change.after());
    } catch (RuntimeException e) {
      // One faulty listener must not stop the others nor the store.
      log.error("desired-state listener {} failed", listener, e);
    }
  }
}
