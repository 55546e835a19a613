package com.arcal.controller.azure;

import java.util.Objects;

/**
 * Where the fleet lives in Azure.
 *
 * @param subscriptionId subscription of the resource group
 * @param resourceGroup the resource group the controller owns apps in
 * @param location Azure region of new apps
 * @param environmentId full resource id of the Container Apps managed environment
 */
public record AzureTarget(
    String subscriptionId, String resourceGroup, String location, String environmentId) {
  public AzureTarget {
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(resourceGroup, "resourceGroup");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(environmentId, "environmentId");
  }

  /** The default environment id in this resource group with the given name. */
  public static String environmentId(String subscriptionId, String resourceGroup, String name) {
    return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
        + "/providers/Microsoft.App/managedEnvironments/" + name;
  }
}
