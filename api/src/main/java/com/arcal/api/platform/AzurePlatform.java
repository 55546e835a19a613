package com.arcal.api.platform;

import com.arcal.api.config.Settings;
import com.arcal.api.config.Settings.EndpointsKind;
import com.arcal.controller.azure.ArmBudgetPolicy.ArmCallListener;
import com.arcal.controller.azure.ArmConnection;
import com.arcal.controller.azure.AzureTarget;
import com.arcal.controller.endpoint.AzureEndpoints;
import com.arcal.controller.endpoint.LocalEndpoints;
import com.arcal.controller.engine.GrpcEngineClient;
import java.time.Clock;

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
    boolean local = settings.reconcile().endpoints() == EndpointsKind.LOCAL;
    return new Platform(
        apps,
        new GrpcEngineClient(LocalPlatform.ENGINE_DEADLINE),
        local ? new LocalEndpoints() : new AzureEndpoints(),
        () -> {},
        "azure: resource group " + target.resourceGroup() + " at "
            + azure.armEndpoint().map(Object::toString).orElse("management.azure.com"));
  }
}
