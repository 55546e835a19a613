package com.arcal.api.platform;

import com.arcal.api.config.Settings;
import com.arcal.api.config.SettingsException;
import com.arcal.controller.azure.ArmBudgetPolicy.ArmCallListener;
import com.arcal.controller.azure.ArmConnection;
import com.arcal.controller.azure.ArmException;
import com.arcal.controller.azure.AzureTarget;
import com.arcal.controller.azure.EnvironmentId;
import com.arcal.controller.azure.ManagedEnvironment;
import com.arcal.controller.endpoint.BuyerUrls;
import com.arcal.controller.endpoint.EngineEndpoints;
import com.arcal.controller.endpoint.HostsFile;
import com.arcal.controller.engine.GrpcEngineClient;
import java.time.Clock;
import java.util.Optional;

/**
 * Azure, or a standalone emulator reached exactly like Azure. One variable points it at Azure:
 * the environment id names the subscription and resource group, and the environment, read once
 * from ARM, gives the location and the workload profile of every engine app; the settings that
 * are set anyway must agree, and the orchestrator must run inside that environment. Closing it
 * touches nothing in Azure: the apps are the fleet, and they outlive the orchestrator.
 */
final class AzurePlatform {
  private AzurePlatform() {}

  /**
   * @throws SettingsException when the settings contradict the environment, or it does not exist
   */
  static Platform open(Settings settings, ArmCallListener armCalls, Clock clock) {
    Settings.Azure azure = settings.azure();
    EnvironmentId id = EnvironmentId.parse(azure.environmentId().orElseThrow()).orElseThrow();
    AzureTarget target =
        new AzureTarget(
            azure.subscriptionId().orElse(id.subscriptionId()),
            azure.resourceGroup().orElse(id.resourceGroup()),
            // Replaced by the environment's own location once it is read.
            azure.location().orElse(""),
            id.toString(),
            azure.engineRegistry());
    ArmConnection connection =
        new ArmConnection(
            azure.armEndpoint(),
            azure.armCaFile(),
            azure.armStaticToken(),
            azure.tenantId(),
            ArmAdapter.RESPONSE_TIMEOUT);
    ArmAdapter.Opened arm = open(connection, target, armCalls, clock);
    ManagedEnvironment environment = arm.environment();
    EnvironmentCheck.check(azure, environment);
    // App names resolve through the environment's DNS; against a standalone emulator, through
    // the hosts file it keeps, and buyers then reach each engine's own loopback address.
    Optional<HostsFile> names = settings.reconcile().engineHostsFile().map(HostsFile::new);
    return new Platform(
        arm.apps(),
        names
            .map(n -> GrpcEngineClient.resolvingThrough(LocalPlatform.ENGINE_DEADLINE, n::address))
            .orElseGet(() -> new GrpcEngineClient(LocalPlatform.ENGINE_DEADLINE)),
        new EngineEndpoints(names.map(BuyerUrls::local).orElseGet(BuyerUrls::ingress)),
        () -> {},
        "azure: resource group " + target.resourceGroup() + ", environment " + id.name() + " ("
            + (environment.workloadProfiles() ? "workload profiles" : "Consumption-only") + ", "
            + environment.location() + ", " + environment.defaultDomain() + ") at "
            + azure.armEndpoint().map(Object::toString).orElse("management.azure.com"));
  }

  /** An environment that does not exist is a bad setting; any other failure is not. */
  private static ArmAdapter.Opened open(
      ArmConnection connection, AzureTarget target, ArmCallListener armCalls, Clock clock) {
    try {
      return ArmAdapter.open(connection, target, armCalls, clock);
    } catch (ArmException e) {
      if (e.status() == 404) {
        throw new SettingsException(
            "ARCAL_CONTAINERAPPS_ENVIRONMENT_ID",
            "Azure has no such managed environment (" + e.code() + "): give the resource id of"
                + " an existing one (az containerapp env show -n <name> -g <group> --query id)");
      }
      throw e;
    }
  }
}
