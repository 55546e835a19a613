package com.arcal.controller.azure;

import com.azure.resourcemanager.appcontainers.ContainerAppsApiManager;
import com.azure.resourcemanager.appcontainers.fluent.models.ManagedEnvironmentInner;
import com.azure.resourcemanager.appcontainers.models.WorkloadProfile;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the controller needs to know of the managed environment its apps live in, read once at
 * start from ARM. Azure has two environment types ("Azure Container Apps environments", Types):
 * workload profiles (the default), whose apps name the profile they run on, and Consumption-only
 * (legacy), which has no profiles and refuses an app that names one ("Cannot specify workload
 * profile name for container app in Consumption Only environment").
 *
 * @param id the environment's resource id
 * @param location its region, in ARM's short form ({@code westeurope}): its apps must be there too
 * @param defaultDomain the DNS suffix of its apps ({@code CONTAINER_APP_ENV_DNS_SUFFIX} inside it)
 * @param workloadProfiles false for a Consumption-only environment
 * @param consumptionProfile the name of its profile of type Consumption: the {@code
 *     workloadProfileName} engine apps are created with; empty for a Consumption-only environment
 *     (whose apps name none), and for a workload-profiles one without it
 */
public record ManagedEnvironment(
    EnvironmentId id,
    String location,
    String defaultDomain,
    boolean workloadProfiles,
    Optional<String> consumptionProfile) {
  private static final String CONSUMPTION = "Consumption";

  public ManagedEnvironment {
    Objects.requireNonNull(id, "id");
    location = shortLocation(Objects.requireNonNull(location, "location"));
    Objects.requireNonNull(defaultDomain, "defaultDomain");
    Objects.requireNonNull(consumptionProfile, "consumptionProfile");
  }

  /** Reads the environment from ARM (one GET); every failure is an {@link ArmException}. */
  public static ManagedEnvironment read(ContainerAppsApiManager manager, EnvironmentId id) {
    return AzureContainerApps.call(
        "get managed environment " + id.name(),
        false,
        () ->
            of(
                id,
                manager
                    .serviceClient()
                    .getManagedEnvironments()
                    .getByResourceGroup(id.resourceGroup(), id.name())));
  }

  /** The environment as ARM answered it. */
  static ManagedEnvironment of(EnvironmentId id, ManagedEnvironmentInner inner) {
    List<WorkloadProfile> profiles =
        inner.workloadProfiles() == null ? List.of() : inner.workloadProfiles();
    return new ManagedEnvironment(
        id,
        inner.location(),
        inner.defaultDomain() == null ? "" : inner.defaultDomain(),
        !profiles.isEmpty(),
        profiles.stream()
            .filter(p -> CONSUMPTION.equalsIgnoreCase(p.workloadProfileType()))
            .map(WorkloadProfile::name)
            .findFirst());
  }

  /** ARM's short form of a region: {@code West Europe} and {@code westeurope} name the same. */
  public static String shortLocation(String location) {
    return location.replace(" ", "").toLowerCase(Locale.ROOT);
  }
}
