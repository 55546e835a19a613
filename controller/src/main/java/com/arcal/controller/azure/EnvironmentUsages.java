package com.arcal.controller.azure;

/**
 * The core usage of managed environments: a seam of its own beside {@link ContainerAppsPort},
 * because usage is read per environment (one ARM GET each) while apps are listed per resource
 * group.
 */
public interface EnvironmentUsages {

  /**
   * The environment's Consumption core usage and limit: one ARM read.
   *
   * @throws ArmException when ARM cannot answer, or reports no core usage for it
   */
  CoreUsage read(EnvironmentId environment);
}
