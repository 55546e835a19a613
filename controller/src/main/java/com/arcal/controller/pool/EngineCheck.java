package com.arcal.controller.pool;

import com.arcal.controller.azure.AppObservation;

/**
 * Whether a free pool app's engine can be handed out: it answers and is idle. A seam so that the
 * binding protocol is tested without engines.
 */
@FunctionalInterface
public interface EngineCheck {
  /** True when the app's engine answers {@code GetSale} and runs no sale. */
  boolean idle(AppObservation app);
}
