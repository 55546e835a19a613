package com.arcal.controller.reconcile.source;

import java.util.concurrent.ScheduledExecutorService;

/**
 * One trigger of the reconcile loop: it only says which sale to look at, through the {@code
 * Consumer<SaleId>} it was built with; the workers decide what to do about it.
 */
public interface Source extends AutoCloseable {
  /**
   * Starts watching. Periodic work runs on {@code scheduler}, which every source shares: one
   * thread, so the sources' ARM reads never overlap. Closing the scheduler stops the source.
   */
  void start(ScheduledExecutorService scheduler);

  /** Releases what the source holds beyond the shared scheduler (closed by the controller). */
  @Override
  default void close() {}
}
