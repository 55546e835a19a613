package com.arcal.controller.store;

import com.arcal.controller.sale.SaleSpec;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One sale as written in a desired-state document, before the store has settled its generation.
 *
 * @param spec the spec as written
 * @param generation the generation written in the document, empty when the operator left it out
 */
public record DocumentEntry(SaleSpec spec, OptionalLong generation) {
  public DocumentEntry {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(generation, "generation");
  }
}
