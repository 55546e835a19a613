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
 * <p>At most {@code limit} watches are open. A watch holds its engine's gRPC connection open, and
 * one connection costs the controller about 19 KB of heap (grpc-java's channel and Netty's HTTP/2
 * state; docs/benchmarks.md, "Scale"), which no channel option takes much below 15 KB. Past the
 * limit a Running sale is not watched and its connection is closed at the end of the pass: its
 * engine is read at each resync ({@code GetSale}), so its death is seen within a resync period
 * rather than a second. A slot that frees (a sale deleted, a watch that ended) goes to the next
 * pass that finds its sale Running unwatched.
 *
 * <p>A source of the loop whose watches are opened by the passes themselves, not at start.
 */
public final class HealthWatches implements Source {
  /** 4,000 watches: about 73 MiB of connections, so 10,000 Running sales fit in 150 MiB of heap. */
  public static final int DEFAULT_LIMIT = 4_000;

  private record Watch(EngineAddress address, AutoCloseable handle, AtomicBoolean alive) {}

  private final EngineClient engines;
  private final Consumer<SaleId> onUnhealthy;
  private final int limit;
  /** At most {@link #limit} entries: {@link #ensure} and {@link #cancel} hold the lock to add. */
  private final Map<SaleId, Watch> watches = new ConcurrentHashMap<>();

  public HealthWatches(EngineClient engines, Consumer<SaleId> onUnhealthy) {
    this(engines, onUnhealthy, DEFAULT_LIMIT);
  }

  public HealthWatches(EngineClient engines, Consumer<SaleId> onUnhealthy, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0: " + limit);
    }
    this.engines = engines;
    this.onUnhealthy = onUnhealthy;
    this.limit = limit;
  }

  @Override
  public void start(ScheduledExecutorService scheduler) {
    // nothing to start: each pass that finds its sale Running opens the sale's watch
  }

  /**
   * Watches the sale's engine at that address unless already watching it; with every slot taken,
   * closes the engine's connection instead (the next resync's pass reads it on a new one).
   */
  public synchronized void ensure(SaleId id, EngineAddress address) {
    Watch current = watches.get(id);
    if (current != null && current.address().equals(address) && current.alive().get()) {
      return;
    }
    cancel(id);
    if (watches.size() >= limit) {
      engines.forget(address);
      return;
    }
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

  /** How many watches are open. */
  public int size() {
    return watches.size();
  }

  public synchronized void cancel(SaleId id) {
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
