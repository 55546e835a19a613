package com.arcal.api.platform;

import com.arcal.api.config.Settings;
import com.arcal.api.config.SettingsException;
import com.arcal.controller.azure.ManagedEnvironment;
import java.util.List;

/**
 * What the settings say against what ARM says of the environment, at start on the azure platform.
 * Each disagreement is a bad setting: one line naming the variable and the fix.
 */
final class EnvironmentCheck {
  private EnvironmentCheck() {}

  /**
   * Each environment must hold engine apps; the orchestrator runs in the first one (the engines'
   * gRPC ports are reached from there), whose location an AZURE_LOCATION that is set must be.
   */
  static void check(Settings.Azure azure, List<ManagedEnvironment> environments) {
    ManagedEnvironment first = environments.get(0);
    location(azure, first);
    environments.forEach(EnvironmentCheck::profiles);
    runningInside(azure, first, environments);
  }

  /** Apps are created in their environment's region: a different AZURE_LOCATION is a mistake. */
  private static void location(Settings.Azure azure, ManagedEnvironment environment) {
    azure.location().ifPresent(location -> {
      if (!ManagedEnvironment.shortLocation(location).equals(environment.location())) {
        throw new SettingsException(
            "AZURE_LOCATION",
            "'" + location + "' contradicts the location of ARCAL_CONTAINERAPPS_ENVIRONMENT_ID,"
                + " '" + environment.location() + "', where its apps must be: unset AZURE_LOCATION"
                + " (it is read from the environment) or set it to " + environment.location());
      }
    });
  }

  /** Engine apps run on the Consumption profile, which every workload-profiles environment has. */
  private static void profiles(ManagedEnvironment environment) {
    if (environment.workloadProfiles() && environment.consumptionProfile().isEmpty()) {
      throw new SettingsException(
          "ARCAL_CONTAINERAPPS_ENVIRONMENT_ID",
          environment.id().name() + " has workload profiles but none of type Consumption, where"
              + " engine apps run: add one (az containerapp env workload-profile add"
              + " --workload-profile-type Consumption) or name another environment");
    }
  }

  /**
   * The engines' gRPC ports are reached by app name from inside their environment only: the
   * orchestrator must run in it. Azure tells every app which environment it runs in through
   * CONTAINER_APP_ENV_DNS_SUFFIX, the environment's default domain.
   */
  private static void runningInside(
      Settings.Azure azure, ManagedEnvironment environment, List<ManagedEnvironment> all) {
    String wanted = environment.defaultDomain();
    if (azure.runningInDomain().isEmpty()) {
      throw new SettingsException(
          "CONTAINER_APP_ENV_DNS_SUFFIX",
          "not set, so this process runs outside Container Apps, where the engines of"
              + " ARCAL_CONTAINERAPPS_ENVIRONMENT_ID (domain " + wanted + ") cannot be reached:"
              + " run the orchestrator as a container app in that environment (docs/deploy.md)");
    }
    String actual = azure.runningInDomain().get();
    if (actual.equalsIgnoreCase(wanted)) {
      return;
    }
    // Its own environment comes first: new sales and pool apps are placed there, and only there
    // are their gRPC ports reachable (AzurePlatform closes the others to new sales).
    all.stream().filter(e -> e.defaultDomain().equalsIgnoreCase(actual)).findFirst().ifPresent(own -> {
      throw new SettingsException(
          "ARCAL_CONTAINERAPPS_ENVIRONMENT_IDS",
          "this app runs in " + own.id().name() + " (CONTAINER_APP_ENV_DNS_SUFFIX " + actual
              + "), which must come first in the list: engines are reached from there");
    });
    throw new SettingsException(
        "ARCAL_CONTAINERAPPS_ENVIRONMENT_ID",
        "names an environment whose domain is " + wanted + ", but this app runs in " + actual
            + " (CONTAINER_APP_ENV_DNS_SUFFIX), from where its engines cannot be reached:"
            + " deploy the orchestrator into that environment, or name its own");
  }
}
