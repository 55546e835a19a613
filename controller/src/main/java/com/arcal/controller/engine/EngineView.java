package com.arcal.controller.engine;

import java.time.Instant;

/**
 * An engine's own account of its sale ({@code SaleStatus} of the contract).
 *
 * @param saleId the sale it runs, empty while idle
 * @param state its lifecycle state
 * @param generation generation of the last accepted {@code StartSale}
 * @param startedAt when the sale started, null while idle
 * @param connectedBuyers buyers connected now
 * @param message detail, e.g. why it failed
 */
public record EngineView(
    String saleId,
    State state,
    long generation,
    Instant startedAt,
    int connectedBuyers,
    String message) {

  /** Engine lifecycle, as in the contract. */
  public enum State {
    IDLE,
    RUNNING,
    STOPPED,
    FAILED,
    UNKNOWN
  }

  /** True when the engine runs exactly this sale at this generation. */
  public boolean runs(String sale, long gen) {
    return state == State.RUNNING && saleId.equals(sale) && generation == gen;
  }
}
