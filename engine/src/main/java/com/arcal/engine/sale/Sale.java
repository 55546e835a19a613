package com.arcal.engine.sale;

import com.arcal.engine.v1.SaleState;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable snapshot of the engine's sale.
 *
 * <p>Invariant: while {@link SaleState#SALE_STATE_IDLE} the sale id is empty, the generation is 0,
 * the config is empty and {@code startedAt} is null; in every other state the sale id is non-empty,
 * the generation is at least 1 and {@code startedAt} is set.
 */
public record Sale(String saleId, SaleState state, long generation, Map<String, String> config, Instant startedAt) {

  private static final Sale IDLE = new Sale("", SaleState.SALE_STATE_IDLE, 0, Map.of(), null);

  public Sale {
    Objects.requireNonNull(saleId, "saleId");
    Objects.requireNonNull(state, "state");
    config = Map.copyOf(config);
    boolean idle = state == SaleState.SALE_STATE_IDLE;
    if (idle != saleId.isEmpty() || idle != (startedAt == null) || idle != (generation == 0)) {
      throw new IllegalArgumentException("inconsistent sale " + saleId + " in " + state + " at generation " + generation);
    }
    if (generation < 0) {
      throw new IllegalArgumentException("generation must be >= 0, got " + generation);
    }
  }

  public static Sale idle() {
    return IDLE;
  }

  public boolean isRunning() {
    return state == SaleState.SALE_STATE_RUNNING;
  }

  Sale with(SaleState newState, long newGeneration, Map<String, String> newConfig) {
    return new Sale(saleId, newState, newGeneration, newConfig, startedAt);
  }
}
