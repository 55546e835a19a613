package com.arcal.emulator;

import static com.arcal.emulator.RawArm.API;
import static com.arcal.emulator.RawArm.SUB;
import static com.arcal.emulator.RawArm.appBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Azure's two environment types: a workload-profiles environment (the default) lists its profiles
 * and places an app on the one it names; a Consumption-only environment has none and refuses an
 * app that names one.
 */
class EnvironmentTypesTest {
  private static final String PROFILES_RG = "arcal-local";
  private static final String LEGACY_RG = "legacy-rg";

  @TempDir Path dataDir;
  private Emulator emulator;
  private RawArm arm;

  @BeforeEach
  void start() {
    emulator =
        Emulator.start(
            EmulatorSettings.builder(dataDir)
                .resourceGroups(List.of(PROFILES_RG, LEGACY_RG))
                .consumptionOnly(List.of(LEGACY_RG))
                .delays(Duration.ofMillis(20), Duration.ofMillis(20))
                .build(),
            new FakeContainerRuntime());
    arm = new RawArm(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void workloadProfilesEnvironment_listsTheBuiltInConsumptionProfile() {
    JsonNode env = arm.get(environmentPath(PROFILES_RG)).body();

    assertThat(env.path("location").asText()).isEqualTo("West Europe");
    assertThat(env.path("properties").path("defaultDomain").asText())
        .isEqualTo("arcal-local.arcal.localhost");
    assertThat(env.path("properties").path("workloadProfiles"))
        .singleElement()
        .satisfies(p -> {
          assertThat(p.path("name").asText()).isEqualTo("Consumption");
          assertThat(p.path("workloadProfileType").asText()).isEqualTo("Consumption");
        });
  }

  @Test
  void consumptionOnlyEnvironment_hasNoWorkloadProfiles() {
    JsonNode env = arm.get(environmentPath(LEGACY_RG)).body();

    assertThat(env.path("properties").path("defaultDomain").asText())
        .isEqualTo("legacy-rg.arcal.localhost");
    assertThat(env.path("properties").has("workloadProfiles")).isFalse();
  }

  @Test
  void consumptionOnlyEnvironment_refusesAWorkloadProfileName_asAzureDoes() {
    RawArm.Reply refused = arm.put(appPath(LEGACY_RG, "shop-1"), app(LEGACY_RG, "Consumption"));
    RawArm.Reply accepted = arm.put(appPath(LEGACY_RG, "shop-2"), app(LEGACY_RG, null));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("error").path("message").asText())
        .isEqualTo(
            "Cannot specify workload profile name for container app in Consumption Only environment.");
    assertThat(arm.get(appPath(LEGACY_RG, "shop-1")).status()).as("nothing created").isEqualTo(404);
    assertThat(accepted.status()).isEqualTo(201);
  }

  @Test
  void workloadProfilesEnvironment_placesTheAppOnTheProfileItNames() {
    RawArm.Reply accepted =
        arm.put(appPath(PROFILES_RG, "shop-3"), app(PROFILES_RG, "Consumption"));

    assertThat(accepted.status()).isEqualTo(201);
    assertThat(accepted.body().path("properties").path("workloadProfileName").asText())
        .isEqualTo("Consumption");
  }

  private static ObjectNode app(String rg, String workloadProfileName) {
    ObjectNode body = appBody("arcal/engine:local");
    ObjectNode props = (ObjectNode) body.path("properties");
    props.put("managedEnvironmentId", RawArm.ENV_ID.replace(RawArm.RG, rg));
    if (workloadProfileName != null) {
      props.put("workloadProfileName", workloadProfileName);
    }
    return body;
  }

  private static String appPath(String rg, String name) {
    return "/subscriptions/" + SUB + "/resourceGroups/" + rg
        + "/providers/Microsoft.App/containerApps/" + name + "?" + API;
  }

  private static String environmentPath(String rg) {
    return "/subscriptions/" + SUB + "/resourceGroups/" + rg
        + "/providers/Microsoft.App/managedEnvironments/arcal-env?" + API;
  }
}
