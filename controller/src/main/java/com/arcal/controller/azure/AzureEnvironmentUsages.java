package com.arcal.controller.azure;

import com.azure.resourcemanager.appcontainers.ContainerAppsApiManager;
import com.azure.resourcemanager.appcontainers.fluent.models.UsageInner;
import java.util.Map;
import java.util.Objects;

/**
 * {@link EnvironmentUsages} on the Azure SDK: {@code GET .../managedEnvironments/{name}/usages}
 * (api-version 2025-01-01, the REST reference's example {@code ManagedEnvironmentUsages_List}),
 * through the client of the environment's subscription.
 */
public final class AzureEnvironmentUsages implements EnvironmentUsages {
  /**
   * The usage that counts an environment's Consumption cores. A workload-profiles environment
   * reports it for its Consumption profile, where engine apps run ("Quotas for Azure Container
   * Apps": quota "Managed Environment Consumption Cores").
   */
  public static final String CONSUMPTION_CORES = "ManagedEnvironmentConsumptionCores";

  private final Map<String, ContainerAppsApiManager> managersBySubscription;

  /** One client per subscription, keyed by subscription id (lower case). */
  public AzureEnvironmentUsages(Map<String, ContainerAppsApiManager> managersBySubscription) {
    this.managersBySubscription = Map.copyOf(managersBySubscription);
  }

  @Override
  public CoreUsage read(EnvironmentId environment) {
    ContainerAppsApiManager manager =
        Objects.requireNonNull(
            managersBySubscription.get(environment.subscriptionId().toLowerCase(java.util.Locale.ROOT)),
            () -> "no client for subscription " + environment.subscriptionId());
    return AzureContainerApps.call(
        "read core usage of " + environment.name(),
        false,
        () -> {
          for (UsageInner usage :
              manager
                  .serviceClient()
                  .getManagedEnvironmentUsages()
                  .list(environment.resourceGroup(), environment.name())) {
            if (usage.name() != null && CONSUMPTION_CORES.equalsIgnoreCase(usage.name().value())) {
              return new CoreUsage(environment, usage.currentValue(), usage.limit());
            }
          }
          throw ArmException.fromResponse(
              "read core usage of " + environment.name() + ": ARM reports no "
                  + CONSUMPTION_CORES + " usage for it",
              404, "UsageNotFound", null, null);
        });
  }
}
