package com.arcal.controller.pool;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.ProvisioningState;
import com.arcal.controller.reconcile.Ownership;
import com.arcal.controller.sale.SaleId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which apps are warm-pool apps, read from tags only (so it holds after a restart). A pool app is
 * one of ours carrying {@link #POOL} (the fingerprint of the spec it was created with); it is
 * free while it has no {@link Ownership#SALE_ID} tag, and bound to that sale once it has one.
 * The binding is that tag: one app carries at most one sale id, so an engine is never bound to
 * two sales.
 */
public final class PoolMembers {
  /** Tag of a pool app: the spec fingerprint (image, cpu, memory) it was created with. */
  public static final String POOL = Ownership.POOL;

  private final Ownership ownership;

  public PoolMembers(Ownership ownership) {
    this.ownership = ownership;
  }

  public boolean isMember(AppObservation app) {
    return ownership.owns(app) && app.tag(POOL).isPresent();
  }

  /** A pool app no sale has taken (whatever its provisioning state). */
  public boolean isFree(AppObservation app) {
    return isMember(app) && app.tag(Ownership.SALE_ID).isEmpty();
  }

  /** A free pool app that can be handed out now: provisioned, with that spec. */
  public boolean isReady(AppObservation app, String poolHash) {
    return isFree(app)
        && app.state() == ProvisioningState.SUCCEEDED
        && poolHash.equals(app.tags().get(POOL))
        && !app.latestRevisionName().isEmpty();
  }

  /** The sale an app of ours carries in its tags, pool app or not. */
  public Optional<SaleId> saleOf(AppObservation app) {
    return ownership.saleOf(app);
  }

  /** The sale a pool app is bound to. */
  public Optional<SaleId> boundSale(AppObservation app) {
    return isMember(app) ? ownership.saleOf(app) : Optional.empty();
  }

  /**
   * The tags that bind {@code app} to a sale: its own, plus the sale's ownership tags. The spec
   * hash is the sale's, so the planner sees the app as matching the sale (config reaches the
   * engine through StartSale, never through the app).
   */
  public Map<String, String> bindingTags(AppObservation app, SaleId sale, String specHash, long generation) {
    Map<String, String> tags = new HashMap<>(app.tags());
    tags.putAll(ownership.tags(sale, specHash, generation));
    return tags;
  }
}
