package com.arcal.controller.azure;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the fleet lives in Azure.
 *
 * @param subscriptionId subscription of the resource group
 * @param resourceGroup the resource group the controller owns apps in
 * @param location Azure region of new apps
 * @param environmentId full resource id of the Container Apps managed environment
 * @param registry the private registry engine images are pulled from with a managed identity;
 *     empty for public images
 */
public record AzureTarget(
    String subscriptionId,
    String resourceGroup,
    String location,
    String environmentId,
    Optional<EngineRegistry> registry) {
  public AzureTarget {
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(resourceGroup, "resourceGroup");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(environmentId, "environmentId");
    Objects.requireNonNull(registry, "registry");
  }

  /** A target whose engine images are public (or the local emulator). */
  public AzureTarget(
      String subscriptionId, String resourceGroup, String location, String environmentId) {
    this(subscriptionId, resourceGroup, location, environmentId, Optional.empty());
  }

  /** The default environment id in this resource group with the given name. */
  public static String environmentId(String subscriptionId, String resourceGroup, String name) {
    return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
        + "/providers/Microsoft.App/managedEnvironments/" + name;
  }

  /**
   * A private registry (e.g. {@code myacr.azurecr.io}) and the resource id of the user-assigned
   * identity, with AcrPull on it, that engine apps pull with.
   */
  public record EngineRegistry(String server, String identityId) {
    public EngineRegistry {
      Objects.requireNonNull(server, "server");
      Objects.requireNonNull(identityId, "identityId");
    }
  }
}
