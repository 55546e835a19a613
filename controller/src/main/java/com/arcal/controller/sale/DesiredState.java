package com.arcal.controller.sale;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable snapshot of the desired state.
 *
 * @param version opaque version of the document this snapshot was read from (its ETag); writes
 *     that name another version are refused
 * @param sales every desired sale by id
 */
public record DesiredState(String version, SortedMap<SaleId, DesiredSale> sales) {
  public DesiredState {
    Objects.requireNonNull(version, "version");
    sales = Collections.unmodifiableSortedMap(new TreeMap<>(sales));
  }

  public static DesiredState empty(String version) {
    return new DesiredState(version, new TreeMap<>());
  }

  public Optional<DesiredSale> sale(SaleId id) {
    return Optional.ofNullable(sales.get(id));
  }

  public Map<SaleId, DesiredSale> asMap() {
    return sales;
  }
}
