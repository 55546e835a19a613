package com.arcal.api.platform;

import com.arcal.api.config.Settings;
import com.arcal.controller.azure.ArmBudgetPolicy.ArmCallListener;
import com.arcal.controller.azure.ArmConnection;
import com.arcal.controller.azure.AzureTarget;
import com.arcal.controller.endpoint.BuyerUrls;
import com.arcal.controller.endpoint.EngineEndpoints;
import com.arcal.controller.endpoint.HostsFile;
import com.arcal.controller.engine.GrpcEngineClient;
import java.time.Clock;
import java.util.Optional;

/**
 * Azure, or a standalone emulator reached exactly like Azure. Closing it touches nothing in
 * Azure: the apps are the fleet, and they outlive the orchestrator.
 */
final class AzurePlatform {
  private AzurePlatform() {}

  static Platform open(Settings settings, ArmCallListener armCalls, Clock clock) {
    Settings.Azure azure = settings.azure();
    AzureTarget target =
        new AzureTarget(
            azure.subscriptionId().orElseThrow(),
            azure.resourceGroup().orElseThrow(),
            azure.location().orElseThrow(),
            azure.environmentId().orElseThrow(),
            azure.engineRegistry());
    ArmConnection connection =
        new ArmConnection(
            azure.armEndpoint(),
            azure.armCaFile(),
            azure.armStaticToken(),
            azure.tenantId(),
            ArmAdapter.RESPONSE_TIMEOUT);
    var apps = ArmAdapter.open(connection, target, armCalls, clock);
    // App names resolve through the environment's DNS; against a standalone emulator, through
    // the hosts file it keeps, and buyers then reach each engine's own loopback address.
    Optional<HostsFile> names = settings.reconcile().engineHostsFile().map(HostsFile::new);
    return new Platform(
        apps,
        names
            .map(n -> GrpcEngineClient.resolvingThrough(LocalPlatform.ENGINE_DEADLINE, n::address))
            .orElseGet(() -> new GrpcEngineClient(LocalPlatform.ENGINE_DEADLINE)),
        new EngineEndpoints(names.map(BuyerUrls::local).orElseGet(BuyerUrls::ingress)),
        () -> {},
        "azure: resource group " + target.resourceGroup() + " at "
            + azure.armEndpoint().map(Object::toString).orElse("management.azure.com"));
  }
}
