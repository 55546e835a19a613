package com.arcal.controller.sale;

import java.util.Objects;

/**
 * One sale of the desired state.
 *
 * @param id the sale
 * @param spec what it should look like (as written; defaults not yet applied)
 * @param generation increases by one each time the spec changes; starts at 1
 */
public record DesiredSale(SaleId id, SaleSpec spec, long generation) {
  public DesiredSale {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(spec, "spec");
    if (generation < 1) {
      throw new InvalidSpecException("generation", "generation must be >= 1, was " + generation);
    }
  }
}
