package com.arcal.api.platform;

import com.arcal.api.config.Settings;
import com.arcal.api.config.SettingsException;
import com.arcal.controller.azure.ArmBudgetPolicy.ArmCallListener;
import com.arcal.controller.azure.ArmConnection;
import com.arcal.controller.azure.ArmException;
import com.arcal.controller.azure.EnvironmentFleet;
import com.arcal.controller.azure.AzureTarget;
import com.arcal.controller.azure.EnvironmentId;
import com.arcal.controller.azure.ManagedEnvironment;
import com.arcal.controller.endpoint.BuyerUrls;
import com.arcal.controller.endpoint.EngineEndpoints;
import com.arcal.controller.endpoint.HostsFile;
import com.arcal.controller.engine.GrpcEngineClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Azure, or a standalone emulator reached exactly like Azure. One variable points it at Azure:
 * the environment id names the subscription and resource group, and the environment, read once
 * from ARM, gives the location and the workload profile of every engine app; the settings that
 * are set anyway must agree, and the orchestrator must run inside that environment (the first,
 * when several are listed: the others take no new sales, as their engines cannot be reached).
 * Closing it touches nothing in Azure: the apps are the fleet, and they outlive the orchestrator.
 */
final class AzurePlatform {
  private AzurePlatform() {}

  /**
   * @throws SettingsException when the settings contradict the environment, or it does not exist
   */
  static Platform open(Settings settings, ArmCallListener armCalls, Clock clock) {
    Settings.Azure azure = settings.azure();
    List<EnvironmentId> ids =
        azure.environmentIds().stream().map(id -> EnvironmentId.parse(id).orElseThrow()).toList();
    ArmConnection connection =
        new ArmConnection(
            azure.armEndpoint(),
            azure.armCaFile(),
            azure.armStaticToken(),
            azure.tenantId(),
            ArmAdapter.RESPONSE_TIMEOUT);
    EnvironmentFleet fleet = open(connection, ids, azure.engineRegistry(), armCalls, clock);
    EnvironmentCheck.check(azure, fleet.environments());
    // App names resolve through the environment's DNS; against a standalone emulator, through
    // the hosts file it keeps, and buyers then reach each engine's own loopback address.
    Optional<HostsFile> names = settings.reconcile().engineHostsFile().map(HostsFile::new);
    return new Platform(
        fleet.apps(),
        names
            .map(n -> GrpcEngineClient.resolvingThrough(LocalPlatform.ENGINE_DEADLINE, n::address))
            .orElseGet(() -> new GrpcEngineClient(LocalPlatform.ENGINE_DEADLINE)),
        new EngineEndpoints(names.map(BuyerUrls::local).orElseGet(BuyerUrls::ingress)),
        () -> {},
        "azure: " + fleet.environments().stream().map(AzurePlatform::describe)
            .collect(Collectors.joining(", ", "environments ", ""))
            + " at " + azure.armEndpoint().map(Object::toString).orElse("management.azure.com"),
        Optional.of(new Platform.Environments(fleet.ids(), unreachable(fleet.environments()), fleet.usages())));
  }

  /**
   * The environments whose engines the orchestrator cannot dial: all but its own, the first (see
   * EnvironmentCheck). It reaches an engine's gRPC port by app name, which Azure resolves only
   * inside the app's environment ("Connect applications in Azure Container Apps"; internal ports,
   * "Ingress in Azure Container Apps"). A sale placed there would never start, so they take no
   * new sales; the sales already there stay, as every sale does.
   */
  static Map<EnvironmentId, String> unreachable(List<ManagedEnvironment> environments) {
    String own = environments.get(0).id().name();
    Map<EnvironmentId, String> closed = new LinkedHashMap<>();
    environments.stream().skip(1).forEach(e -> closed.put(e.id(),
        "engines not reachable from " + own + ", where the orchestrator runs: Azure resolves app"
            + " names only inside their own environment; see docs/deploy.md section 8"));
    return closed;
  }

  private static String describe(ManagedEnvironment environment) {
    return environment.id().name() + " (resource group " + environment.id().resourceGroup() + ", "
        + (environment.workloadProfiles() ? "workload profiles" : "Consumption-only") + ", "
        + environment.location() + ", " + environment.defaultDomain() + ")";
  }

  /** An environment that does not exist is a bad setting; any other failure is not. */
  private static EnvironmentFleet open(
      ArmConnection connection,
      List<EnvironmentId> ids,
      Optional<AzureTarget.EngineRegistry> registry,
      ArmCallListener armCalls,
      Clock clock) {
    try {
      return ArmAdapter.openFleet(connection, ids, registry, armCalls, clock);
    } catch (ArmException e) {
      if (e.status() == 404) {
        throw new SettingsException(
            ids.size() == 1 ? "ARCAL_CONTAINERAPPS_ENVIRONMENT_ID" : "ARCAL_CONTAINERAPPS_ENVIRONMENT_IDS",
            "Azure has no such managed environment (" + e.code() + ": " + e.getMessage() + "):"
                + " give the resource id of an existing one"
                + " (az containerapp env show -n <name> -g <group> --query id)");
      }
      throw e;
    }
  }
}
