package com.arcal.controller.reconcile;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.sale.SaleId;
import java.util.Map;
import java.util.Optional;

/**
 * The tags that mark an app as ours. An app without our managed-by tag is never written to nor
 * deleted, whatever its name.
 */
public final class Ownership {
  public static final String MANAGED_BY = "arcal-managed-by";
  public static final String SALE_ID = "arcal-sale-id";
  public static final String SPEC_HASH = "arcal-spec-hash";
  public static final String GENERATION = "arcal-generation";
  /** On a warm-pool app: the spec fingerprint it was created with (see package {@code pool}). */
  public static final String POOL = "arcal-pool";

  private final String managedBy;

  public Ownership(String managedBy) {
    this.managedBy = managedBy;
  }

  public boolean owns(AppObservation app) {
    return managedBy.equals(app.tags().get(MANAGED_BY));
  }

  /** The sale an owned app belongs to, from its tag. */
  public Optional<SaleId> saleOf(AppObservation app) {
    if (!owns(app)) {
      return Optional.empty();
    }
    try {
      return app.tag(SALE_ID).map(SaleId::new);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  public Map<String, String> tags(SaleId sale, String specHash, long generation) {
    return Map.of(
        MANAGED_BY, managedBy,
        SALE_ID, sale.value(),
        SPEC_HASH, specHash,
        GENERATION, Long.toString(generation));
  }
}
