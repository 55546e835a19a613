package com.arcal.controller.pool;

import com.arcal.controller.azure.AppRequest;
import com.arcal.controller.reconcile.AppSpecs;
import com.arcal.controller.reconcile.Ownership;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.SaleDefaults;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import com.arcal.controller.secret.EngineSecrets;
import com.arcal.controller.secret.Secret;
import java.util.Map;

/**
 * The one spec pool apps are created with: the default image, CPU and memory, no sale id and no
 * config (an engine starts idle; {@code StartSale} gives it both). A sale matches the pool when
 * its effective image, CPU and memory are those: its config does not matter.
 */
public final class PoolSpec {
  /** Stands for "no sale" when fingerprinting: never written anywhere. */
  private static final SaleId NONE = new SaleId("pool");

  private final AppSpecs specs;
  private final SaleDefaults defaults;
  private final String managedBy;

  public PoolSpec(AppSpecs specs, SaleDefaults defaults, String managedBy) {
    this.specs = specs;
    this.defaults = defaults;
    this.managedBy = managedBy;
  }

  /** The fingerprint of the pool's spec, written as the {@link PoolMembers#POOL} tag. */
  public String hash() {
    return shapeHash(new SaleSpec(null, Map.of(), null, null));
  }

  /** Whether that sale can take a pool app: same image, CPU and memory once defaults apply. */
  public boolean matches(DesiredSale sale) {
    SaleSpec effective = specs.effective(sale);
    return hash().equals(shapeHash(new SaleSpec(effective.image(), Map.of(), effective.cpu(), effective.memory())));
  }

  /** The PUT that creates pool app {@code name}, with its engine's own token. */
  public AppRequest request(String name, Secret engineToken) {
    SaleSpec spec = defaults.apply(new SaleSpec(null, Map.of(), null, null));
    return new AppRequest(
        name,
        spec.image(),
        spec.cpu(),
        spec.memory(),
        Map.of(),
        Map.of(Ownership.MANAGED_BY, managedBy, PoolMembers.POOL, hash()),
        Map.of(EngineSecrets.ENV, engineToken));
  }

  private String shapeHash(SaleSpec spec) {
    return specs.hash(new DesiredSale(NONE, spec, 1));
  }
}
