package com.arcal.api.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arcal.api.config.Settings;
import com.arcal.api.config.SettingsException;
import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.AppRequest;
import com.arcal.controller.azure.CoreUsage;
import com.arcal.controller.azure.EnvironmentId;
import com.arcal.controller.azure.ArmBudgetPolicy.ArmCallListener;
import com.arcal.emulator.arm.Environments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The azure platform opened against the emulator as against Azure: the environment id alone is
 * enough; the environment, read once, places the apps; what contradicts it is a bad setting.
 */
class AzurePlatformTest {
  @TempDir Path dir;
  private EmulatedEnvironments azure;

  @BeforeEach
  void start() {
    azure = new EmulatedEnvironments(dir);
  }

  @AfterEach
  void stop() {
    azure.close();
  }

  @Test
  void theEnvironmentIdAlone_isEnough() throws Exception {
    Platform platform = open(azure.azureEnv(EmulatedEnvironments.GROUP));
    assertThat(platform.description())
        .contains("resource group arcal-local", "workload profiles", "westeurope",
            "arcal-local.arcal.localhost");
    platform.apps().beginCreateOrUpdate(app("sale-a"));
    close(platform);

    assertThat(azure.emulator.stats().count("GET", "managedEnvironment", 200))
        .as("the environment is read once, at start")
        .isEqualTo(1);
  }

  @Test
  void severalEnvironments_inTwoGroupsAndSubscriptions_areOpenedAndEachAppGoesWhereItsTagSays()
      throws Exception {
    String legacy =
        EmulatedEnvironments.environmentId(EmulatedEnvironments.LEGACY)
            .replace(EmulatedEnvironments.SUBSCRIPTION, "00000000-0000-0000-0000-0000000000e2");
    Map<String, String> env = azure.azureEnv(EmulatedEnvironments.GROUP);
    env.remove("ARCAL_CONTAINERAPPS_ENVIRONMENT_ID");
    env.put("ARCAL_CONTAINERAPPS_ENVIRONMENT_IDS",
        EmulatedEnvironments.environmentId(EmulatedEnvironments.GROUP) + "," + legacy);

    Platform platform = open(env);
    platform.apps().beginCreateOrUpdate(app("sale-a"));
    platform.apps().beginCreateOrUpdate(app("sale-b").placedIn(EnvironmentId.parse(legacy).orElseThrow()));
    List<AppObservation> listed = platform.apps().list();
    CoreUsage usage = platform.environments().orElseThrow().usages().read(EnvironmentId.parse(legacy).orElseThrow());
    close(platform);

    assertThat(platform.description()).contains("arcal-env (resource group arcal-local", "legacy-rg", "Consumption-only");
    assertThat(platform.environments().orElseThrow().ids()).extracting(EnvironmentId::resourceGroup)
        .containsExactly(EmulatedEnvironments.GROUP, EmulatedEnvironments.LEGACY);
    assertThat(listed).extracting(AppObservation::name).containsExactlyInAnyOrder("sale-a", "sale-b");
    assertThat(listed).filteredOn(a -> a.name().equals("sale-b")).singleElement()
        .satisfies(a -> assertThat(a.environment().orElseThrow().sameAs(EnvironmentId.parse(legacy).orElseThrow())).isTrue());
    assertThat(usage.used()).as("sale-b counts in its own environment").isEqualTo(0.5);
    assertThat(azure.emulator.stats().count("PUT", "containerApp", 201)).isEqualTo(2);
    assertThat(platform.environments().orElseThrow().closed())
        .as("new sales go only where the orchestrator runs: app names resolve in their environment")
        .containsOnlyKeys(EnvironmentId.parse(legacy).orElseThrow())
        .hasEntrySatisfying(EnvironmentId.parse(legacy).orElseThrow(), why -> assertThat(why)
            .startsWith("engines not reachable from arcal-env, where the orchestrator runs"));
    assertThat(Files.readString(azure.emulator.hostsFile(Environments.defaultDomain(EmulatedEnvironments.GROUP))))
        .as("what the orchestrator resolves, from inside its environment")
        .contains(" sale-a").doesNotContain("sale-b");
  }

  @Test
  void runningInAnEnvironmentListedSecond_isRefused_forItsOwnMustComeFirst() {
    Map<String, String> env = azure.azureEnv(EmulatedEnvironments.GROUP);
    env.remove("ARCAL_CONTAINERAPPS_ENVIRONMENT_ID");
    env.put("ARCAL_CONTAINERAPPS_ENVIRONMENT_IDS",
        EmulatedEnvironments.environmentId(EmulatedEnvironments.LEGACY) + ","
            + EmulatedEnvironments.environmentId(EmulatedEnvironments.GROUP));

    assertRefused(env, "ARCAL_CONTAINERAPPS_ENVIRONMENT_IDS",
        "ARCAL_CONTAINERAPPS_ENVIRONMENT_IDS: this app runs in arcal-env (CONTAINER_APP_ENV_DNS_SUFFIX"
            + " arcal-local.arcal.localhost), which must come first in the list");
  }

  @Test
  void inAConsumptionOnlyEnvironment_appsNameNoWorkloadProfile() throws Exception {
    Platform platform = open(azure.azureEnv(EmulatedEnvironments.LEGACY));
    assertThat(platform.description()).contains("Consumption-only");

    platform.apps().beginCreateOrUpdate(app("sale-b"));
    close(platform);

    assertThat(azure.emulator.stats().count("PUT", "containerApp", 201)).isEqualTo(1);
  }

  @Test
  void aLocationThatContradictsTheEnvironment_isRefused() throws Exception {
    Map<String, String> env = azure.azureEnv(EmulatedEnvironments.GROUP);
    env.put("AZURE_LOCATION", "eastus");

    assertRefused(env, "AZURE_LOCATION", "AZURE_LOCATION: 'eastus' contradicts the location");

    env.put("AZURE_LOCATION", "West Europe");
    close(open(env));
  }

  @Test
  void outsideContainerApps_isRefused() {
    Map<String, String> env = azure.azureEnv(EmulatedEnvironments.GROUP);
    env.remove("CONTAINER_APP_ENV_DNS_SUFFIX");

    assertRefused(env, "CONTAINER_APP_ENV_DNS_SUFFIX", "CONTAINER_APP_ENV_DNS_SUFFIX: not set");
  }

  @Test
  void inAnotherEnvironment_isRefused() {
    Map<String, String> env = azure.azureEnv(EmulatedEnvironments.GROUP);
    env.put("CONTAINER_APP_ENV_DNS_SUFFIX", EmulatedEnvironments.LEGACY + ".arcal.localhost");

    assertRefused(env, "ARCAL_CONTAINERAPPS_ENVIRONMENT_ID",
        "ARCAL_CONTAINERAPPS_ENVIRONMENT_ID: names an environment whose domain is"
            + " arcal-local.arcal.localhost, but this app runs in legacy-rg.arcal.localhost");
  }

  @Test
  void anEnvironmentThatDoesNotExist_isABadSetting() {
    Map<String, String> env = azure.azureEnv(EmulatedEnvironments.GROUP);
    String gone =
        EmulatedEnvironments.environmentId(EmulatedEnvironments.GROUP).replace("arcal-env", "gone");
    env.put("ARCAL_CONTAINERAPPS_ENVIRONMENT_ID", gone);

    assertRefused(env, "ARCAL_CONTAINERAPPS_ENVIRONMENT_ID",
        "ARCAL_CONTAINERAPPS_ENVIRONMENT_ID: Azure has no such managed environment");
  }

  private void assertRefused(Map<String, String> env, String variable, String start) {
    assertThatThrownBy(() -> open(env))
        .isInstanceOfSatisfying(
            SettingsException.class, e -> assertThat(e.variable()).isEqualTo(variable))
        .hasMessageStartingWith(start)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  private static Platform open(Map<String, String> env) {
    return PlatformFactory.fromSettings()
        .open(Settings.of(env), ArmCallListener.NONE, Clock.systemUTC());
  }

  private static void close(Platform platform) throws Exception {
    platform.engines().close();
    platform.infrastructure().close();
  }

  private static AppRequest app(String name) {
    return new AppRequest(name, "arcal/engine:local", "0.5", "1Gi", Map.of(), Map.of());
  }
}
