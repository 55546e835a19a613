package com.arcal.controller.reconcile;

import com.arcal.controller.engine.EngineAddress;
import com.arcal.controller.engine.EngineClient;
import com.arcal.controller.reconcile.source.Source;
import com.arcal.controller.sale.SaleId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One gRPC health watch per running sale, so an engine's death is seen within about a second
 * instead of at the next resync. A watch that reports anything but SERVING, or breaks, ends and
 * enqueues its sale; the next pass that finds the sale Running watches again.
 *
 * <p>A source of the loop whose watches are opened by the passes themselves, not at start.
 */
public final class HealthWatches implements Source {
  private record Watch(EngineAddress address, AutoCloseable handle, AtomicBoolean alive) {}

  private final EngineClient engines;
  private final Consumer<SaleId> onUnhealthy;
  private final Map<SaleId, Watch> watches = new ConcurrentHashMap<>();

  public HealthWatches(EngineClient engines, Consumer<SaleId> onUnhealthy) {
    this.engines = engines;
    this.onUnhealthy = onUnhealthy;
  }

  @Override
  public void start(ScheduledExecutorService scheduler) {
    // nothing to start: each pass that finds its sale Running opens the sale's watch
  }

  /** Watches the sale's engine at that address unless already watching it. */
  public void ensure(SaleId id, EngineAddress address) {
    Watch current = watches.get(id);
    if (current != null && current.address().equals(address) && current.alive().get()) {
      return;
    }
    cancel(id);
    AtomicBoolean alive = new AtomicBoolean(true);
    AutoCloseable handle =
        engines.watchHealth(
            address,
            serving -> {
              // Only the first bad news of a watch counts; the watch is over after it.
              if (!serving && alive.compareAndSet(true, false)) {
                onUnhealthy.accept(id);
              }
            });
    watches.put(id, new Watch(address, handle, alive));
  }

  public void cancel(SaleId id) {
    Watch w = watches.remove(id);
    if (w != null) {
      closeQuietly(w.handle());
    }
  }

  @Override
  public void close() {
    watches.keySet().forEach(this::cancel);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // cancelling a watch cannot fail in a way we could act on
    }
  }
}
