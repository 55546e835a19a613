package com.arcal.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arcal.controller.azure.AppRequest;
import com.arcal.controller.azure.ArmClients;
import com.arcal.controller.azure.ArmException;
import com.arcal.controller.azure.AzureContainerApps;
import com.arcal.controller.azure.AzureTarget;
import com.arcal.controller.azure.EnvironmentId;
import com.arcal.controller.azure.ManagedEnvironment;
import com.arcal.emulator.EmulatorSettings;
import com.azure.resourcemanager.appcontainers.fluent.models.ContainerAppInner;
import com.azure.resourcemanager.appcontainers.models.IdentitySettingsLifeCycle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engine apps are placed as their environment, read once from ARM, says: a workload-profiles
 * environment's apps run on its Consumption profile; a Consumption-only environment refuses any
 * profile name, so its apps name none. Provisioning is slow enough that no container starts.
 */
class EnvironmentPlacementIT {
  private static final String LEGACY = "legacy-rg";

  @TempDir Path dir;
  private EmulatedAzure azure;

  @BeforeEach
  void start() {
    azure =
        EmulatedAzure.start(
            EmulatorSettings.builder(dir)
                .resourceGroups(List.of(EmulatedAzure.GROUP, LEGACY))
                .consumptionOnly(List.of(LEGACY))
                .delays(Duration.ofMinutes(10), Duration.ofMinutes(10))
                .build());
  }

  @AfterEach
  void stop() {
    azure.close();
  }

  @Test
  void workloadProfilesEnvironment_appsRunOnItsConsumptionProfile() {
    ManagedEnvironment env = read(EmulatedAzure.GROUP);
    AzureTarget target = azure.target.in(env);

    create(target, "sale-a");

    assertThat(env.workloadProfiles()).isTrue();
    assertThat(env.location()).isEqualTo("westeurope");
    assertThat(env.defaultDomain()).isEqualTo("arcal-local.arcal.localhost");
    assertThat(app(EmulatedAzure.GROUP, "sale-a").workloadProfileName()).isEqualTo("Consumption");
  }

  @Test
  void consumptionOnlyEnvironment_refusesTheProfileName_soAppsPlacedByItNameNone() {
    AzureTarget legacy = target(LEGACY, Optional.of("Consumption"));

    assertThatThrownBy(() -> create(legacy, "sale-b"))
        .isInstanceOfSatisfying(ArmException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("Consumption Only environment");

    ManagedEnvironment env = read(LEGACY);
    create(legacy.in(env), "sale-b");

    assertThat(env.workloadProfiles()).isFalse();
    assertThat(app(LEGACY, "sale-b").workloadProfileName()).isNull();
  }

  @Test
  void thePullIdentity_isAvailableToNoContainer() {
    String identity =
        "/subscriptions/" + EmulatedAzure.SUBSCRIPTION + "/resourceGroups/arcal-local/providers"
            + "/Microsoft.ManagedIdentity/userAssignedIdentities/engine-pull";
    AzureTarget target =
        new AzureTarget(
            EmulatedAzure.SUBSCRIPTION,
            EmulatedAzure.GROUP,
            "westeurope",
            azure.target.environmentId(),
            Optional.of(new AzureTarget.EngineRegistry("myacr.azurecr.io", identity)));

    create(target, "sale-c");

    assertThat(app(EmulatedAzure.GROUP, "sale-c").configuration().identitySettings())
        .singleElement()
        .satisfies(s -> {
          assertThat(s.identity()).isEqualTo(identity);
          assertThat(s.lifecycle()).isEqualTo(IdentitySettingsLifeCycle.NONE);
        });
  }

  private ManagedEnvironment read(String group) {
    return ManagedEnvironment.read(
        azure.sdk(), new EnvironmentId(EmulatedAzure.SUBSCRIPTION, group, "arcal-env"));
  }

  private AzureTarget target(String group, Optional<String> workloadProfileName) {
    return new AzureTarget(
        EmulatedAzure.SUBSCRIPTION,
        group,
        "westeurope",
        AzureTarget.environmentId(EmulatedAzure.SUBSCRIPTION, group, "arcal-env"),
        Optional.empty(),
        workloadProfileName);
  }

  private void create(AzureTarget target, String name) {
    new AzureContainerApps(ArmClients.manager(azure.connection(), target, List.of()), target)
        .beginCreateOrUpdate(
            new AppRequest(name, "arcal/engine:local", "0.5", "1Gi", Map.of(), Map.of()));
  }

  private ContainerAppInner app(String group, String name) {
    return azure.sdk().serviceClient().getContainerApps().getByResourceGroup(group, name);
  }
}
