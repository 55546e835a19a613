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
 * @param workloadProfileName the workload profile new apps run on; empty in a Consumption-only
 *     environment, which refuses any
 */
public record AzureTarget(
    String subscriptionId,
    String resourceGroup,
    String location,
    String environmentId,
    Optional<EngineRegistry> registry,
    Optional<String> workloadProfileName) {
  public AzureTarget {
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(resourceGroup, "resourceGroup");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(environmentId, "environmentId");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(workloadProfileName, "workloadProfileName");
  }

  /** A target whose apps name no workload profile (until placed {@link #in} their environment). */
  public AzureTarget(
      String subscriptionId,
      String resourceGroup,
      String location,
      String environmentId,
      Optional<EngineRegistry> registry) {
    this(subscriptionId, resourceGroup, location, environmentId, registry, Optional.empty());
  }

  /** A target whose engine images are public (or the local emulator). */
  public AzureTarget(
      String subscriptionId, String resourceGroup, String location, String environmentId) {
    this(subscriptionId, resourceGroup, location, environmentId, Optional.empty());
  }

  /**
   * This target placed as its environment says, read from ARM: new apps go to the environment's
   * location and run on its Consumption profile, or name none in a Consumption-only environment.
   */
  public AzureTarget in(ManagedEnvironment environment) {
    return new AzureTarget(
        subscriptionId,
        resourceGroup,
        environment.location(),
        environmentId,
        registry,
        environment.consumptionProfile());
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
