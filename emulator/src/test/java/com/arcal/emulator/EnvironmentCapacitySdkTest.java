package com.arcal.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.Region;
import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.appcontainers.ContainerAppsApiManager;
import com.azure.resourcemanager.appcontainers.models.Container;
import com.azure.resourcemanager.appcontainers.models.ContainerResources;
import com.azure.resourcemanager.appcontainers.models.ManagedEnvironment;
import com.azure.resourcemanager.appcontainers.models.Scale;
import com.azure.resourcemanager.appcontainers.models.Template;
import com.azure.resourcemanager.appcontainers.models.Usage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capacity through the real Azure SDK, as the orchestrator reads it: {@code ManagedEnvironmentUsages}
 * and {@code managedEnvironments().list*}, and a create past the quota as a {@link
 * ManagementException} carrying Azure's message.
 */
class EnvironmentCapacitySdkTest {
  private static final String SUB = "cccccccc-0000-0000-0000-000000000003";
  private static final String RG = "arcal-local";

  @TempDir Path dataDir;
  private Emulator emulator;
  private ContainerAppsApiManager sdk;

  @BeforeEach
  void start() {
    emulator =
        Emulator.start(
            EmulatorSettings.builder(dataDir)
                .environments(List.of("env-a", "env-b"))
                .environmentCores(2)
                .delays(Duration.ofMillis(50), Duration.ofMillis(50))
                .build(),
            new FakeContainerRuntime());
    sdk = SdkClients.manager(emulator, SUB);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void usages_readThroughTheSdk() {
    create("shop-1", "env-a", 1.25);

    List<Usage> usages = sdk.managedEnvironmentUsages().list(RG, "env-a").stream().toList();

    assertThat(usages).singleElement().satisfies(u -> {
      assertThat(u.name().value()).isEqualTo("ManagedEnvironmentConsumptionCores");
      assertThat(u.name().localizedValue()).isEqualTo("Managed Environment Consumption Cores");
      assertThat(u.currentValue()).isEqualTo(1.25f);
      assertThat(u.limit()).isEqualTo(2f);
      assertThat(u.unit()).isEqualTo("Count");
    });
    assertThat(sdk.managedEnvironmentUsages().list(RG, "env-b").stream().toList())
        .singleElement()
        .satisfies(u -> assertThat(u.currentValue()).isZero());
  }

  @Test
  void environments_listAndGetThroughTheSdk() {
    List<ManagedEnvironment> bySubscription = sdk.managedEnvironments().list().stream().toList();
    List<ManagedEnvironment> byGroup =
        sdk.managedEnvironments().listByResourceGroup(RG).stream().toList();
    ManagedEnvironment envB = sdk.managedEnvironments().getByResourceGroup(RG, "env-b");

    assertThat(bySubscription).extracting(ManagedEnvironment::name)
        .containsExactly("env-a", "env-b");
    assertThat(byGroup).extracting(ManagedEnvironment::id)
        .containsExactly(environmentId("env-a"), environmentId("env-b"));
    assertThat(envB.defaultDomain()).isEqualTo("env-b.arcal-local.arcal.localhost");
    assertThat(envB.region()).isEqualTo(Region.EUROPE_WEST);
  }

  @Test
  void aCreatePastTheQuota_failsWithAzuresMessage() {
    create("shop-1", "env-a", 1.5);

    assertThatThrownBy(() -> create("shop-2", "env-a", 0.75))
        .isInstanceOfSatisfying(ManagementException.class, e -> {
          assertThat(e.getResponse().getStatusCode()).isEqualTo(409);
          assertThat(e.getValue().getCode()).isEqualTo("OperationNotAllowed");
          assertThat(e.getValue().getMessage())
              .startsWith("Maximum Allowed Cores exceeded for the Managed Environment.");
        });
    assertThat(create("shop-3", "env-b", 0.75).name()).isEqualTo("shop-3");
  }

  private com.azure.resourcemanager.appcontainers.models.ContainerApp create(
      String name, String env, double cpu) {
    return sdk.containerApps()
        .define(name)
        .withRegion(Region.EUROPE_WEST)
        .withExistingResourceGroup(RG)
        .withManagedEnvironmentId(environmentId(env))
        .withTemplate(
            new Template()
                .withContainers(
                    List.of(
                        new Container()
                            .withName("engine")
                            .withImage("arcal/engine:local")
                            .withResources(
                                new ContainerResources().withCpu(cpu).withMemory(cpu * 2 + "Gi"))))
                .withScale(new Scale().withMinReplicas(1).withMaxReplicas(1)))
        .create();
  }

  private static String environmentId(String env) {
    return "/subscriptions/" + SUB + "/resourceGroups/" + RG
        + "/providers/Microsoft.App/managedEnvironments/" + env;
  }
}
