package com.arcal.controller.azure;

import java.util.Objects;

/**
 * How many cores of a managed environment are in use and how many its quota allows, as ARM's
 * {@code GET .../managedEnvironments/{name}/usages} reports them (usage {@code
 * ManagedEnvironmentConsumptionCores}, "Quotas for Azure Container Apps": the cores requested by
 * every active replica of every revision in the environment).
 *
 * @param environment the environment
 * @param used cores in use ({@code currentValue})
 * @param limit cores allowed ({@code limit})
 */
public record CoreUsage(EnvironmentId environment, double used, double limit) {
  public CoreUsage {
    Objects.requireNonNull(environment, "environment");
    if (used < 0 || limit < 0) {
      throw new IllegalArgumentException("cores cannot be negative: " + used + " of " + limit);
    }
  }

  /** Cores still free; 0 when the environment is full (or over its limit). */
  public double free() {
    return Math.max(0, limit - used);
  }
}
