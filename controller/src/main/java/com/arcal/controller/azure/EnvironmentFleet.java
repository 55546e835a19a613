package com.arcal.controller.azure;

import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.resourcemanager.appcontainers.ContainerAppsApiManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Azure side of several managed environments, opened once at start: one SDK client per
 * subscription (ARM throttles each subscription on its own, so each gets its own pipeline
 * policies: its own budget), each environment read once (one GET: region, profiles, domain), a
 * {@link RoutedContainerApps} over them and their core usages.
 *
 * @param apps every environment's apps, through one port
 * @param environments the environments as ARM described them, in configuration order
 * @param usages their core usages
 */
public record EnvironmentFleet(
    RoutedContainerApps apps, List<ManagedEnvironment> environments, EnvironmentUsages usages) {

  public EnvironmentFleet {
    Objects.requireNonNull(apps, "apps");
    environments = List.copyOf(environments);
    Objects.requireNonNull(usages, "usages");
  }

  /**
   * Opens the environments {@code ids} (distinct, the first one the default).
   *
   * @param policies the pipeline policies of one subscription's client (its ARM budget), called
   *     once per subscription
   * @throws ArmException when an environment cannot be read (404: it does not exist)
   */
  public static EnvironmentFleet open(
      ArmConnection connection,
      List<EnvironmentId> ids,
      Optional<AzureTarget.EngineRegistry> registry,
      Function<String, List<HttpPipelinePolicy>> policies) {
    Map<String, ContainerAppsApiManager> managers = new LinkedHashMap<>();
    List<RoutedContainerApps.Route> routes = new ArrayList<>();
    List<ManagedEnvironment> environments = new ArrayList<>();
    for (EnvironmentId id : ids) {
      ContainerAppsApiManager manager =
          managers.computeIfAbsent(
              id.subscriptionId().toLowerCase(Locale.ROOT),
              sub -> ArmClients.manager(connection, target(id, registry), policies.apply(sub)));
      ManagedEnvironment environment = ManagedEnvironment.read(manager, id);
      environments.add(environment);
      routes.add(
          new RoutedContainerApps.Route(
              id, new AzureContainerApps(manager, target(id, registry).in(environment))));
    }
    return new EnvironmentFleet(
        new RoutedContainerApps(routes), environments, new AzureEnvironmentUsages(managers));
  }

  /** The environment ids, in configuration order. */
  public List<EnvironmentId> ids() {
    return environments.stream().map(ManagedEnvironment::id).toList();
  }

  /** Apps of {@code id} live in its resource group, in its region (set once it is read). */
  private static AzureTarget target(EnvironmentId id, Optional<AzureTarget.EngineRegistry> registry) {
    return new AzureTarget(id.subscriptionId(), id.resourceGroup(), "", id.toString(), registry);
  }
}
