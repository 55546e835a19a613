package com.arcal.controller.placement;

import com.arcal.controller.azure.EnvironmentId;
import com.arcal.controller.sale.SaleId;
import java.util.List;
import java.util.Optional;

/**
 * Every sale in one environment, without counting cores: the placement of a controller that was
 * given no environments to choose from (tests of other concerns). Reads nothing.
 */
public final class Unlimited implements Placement {
  private final EnvironmentId environment;

  public Unlimited(EnvironmentId environment) {
    this.environment = environment;
  }

  @Override
  public Optional<EnvironmentId> place(SaleId sale, double cores) {
    return Optional.of(environment);
  }

  @Override
  public void placedAt(SaleId sale, EnvironmentId environment, double cores) {}

  @Override
  public void refused(SaleId sale, EnvironmentId environment, double cores) {}

  @Override
  public void released(SaleId sale) {}

  @Override
  public void refresh() {}

  @Override
  public List<EnvironmentCapacity> capacity() {
    return List.of(new EnvironmentCapacity(environment, 0, Double.POSITIVE_INFINITY, 0, ""));
  }
}
