package com.arcal.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arcal.api.config.Settings.PlatformKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {
  private static final String ENV_ID =
      "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/env";

  @TempDir Path dir;

  private static Map<String, String> azure() {
    Map<String, String> env = new HashMap<>();
    env.put("ARCAL_PLATFORM", "azure");
    env.put("AZURE_SUBSCRIPTION_ID", "sub");
    env.put("AZURE_RESOURCE_GROUP", "rg");
    env.put("AZURE_LOCATION", "westeurope");
    env.put("ARCAL_CONTAINERAPPS_ENVIRONMENT_ID", ENV_ID);
    env.put("ARCAL_ENGINE_IMAGE", "acr.example/arcal-engine:1");
    return env;
  }

  @Test
  void defaultsRunLocallyOnLoopback8080() {
    Settings s = Settings.of(Map.of());
    assertThat(s.platform()).isEqualTo(PlatformKind.LOCAL);
    assertThat(s.http().host()).isEqualTo("127.0.0.1");
    assertThat(s.http().port()).isEqualTo(8080);
    assertThat(s.http().apiToken()).isEmpty();
    assertThat(s.http().corsOrigins()).isEmpty();
    assertThat(s.reconcile().stateFile()).isEqualTo(Path.of("desired-state.json").toAbsolutePath());
    assertThat(s.reconcile().naming().prefix()).isEqualTo("sale-");
    assertThat(s.reconcile().managedBy()).isEqualTo("arcal");
    assertThat(s.reconcile().workers()).isEqualTo(32);
    assertThat(s.reconcile().defaults().image()).isEqualTo("arcal/engine:local");
    assertThat(s.reconcile().defaults().cpu()).isEqualTo("0.5");
    assertThat(s.reconcile().defaults().memory()).isEqualTo("1Gi");
    assertThat(s.reconcile().resync()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.reconcile().healthWatchLimit()).isEqualTo(4000);
    assertThat(s.reconcile().engineHostsFile()).as("the embedded emulator's own").isEmpty();
    assertThat(s.local().emulatorDataDir()).isEqualTo(Path.of(".arcal/emulator").toAbsolutePath());
    assertThat(s.local().emulatorCores()).isEqualTo(100);
  }

  @Test
  void environmentWinsOverTheDotEnvFile() throws Exception {
    Path dotEnv = dir.resolve(".env");
    Files.writeString(dotEnv, "ARCAL_HTTP_PORT=9000\nARCAL_WORKERS=3\n");
    Settings s = Settings.load(Map.of("ARCAL_HTTP_PORT", "9100"), dotEnv);
    assertThat(s.http().port()).isEqualTo(9100);
    assertThat(s.reconcile().workers()).isEqualTo(3);
  }

  @Test
  void theHealthWatchLimit_isACount_zeroIncluded() {
    assertThat(Settings.of(Map.of("ARCAL_HEALTH_WATCH_LIMIT", "12000")).reconcile().healthWatchLimit())
        .isEqualTo(12000);
    assertThat(Settings.of(Map.of("ARCAL_HEALTH_WATCH_LIMIT", "0")).reconcile().healthWatchLimit())
        .as("every engine read at resync only").isZero();
  }

  @Test
  void rolloutSettings_countOrPercentage() {
    var byDefault = Settings.of(Map.of()).reconcile().rollout();
    assertThat(byDefault.maxUnavailable().of(50)).isEqualTo(5);
    assertThat(byDefault.maxUnavailable().of(3)).as("at least 1").isEqualTo(1);
    var count = Settings.of(Map.of("ARCAL_ROLLOUT_MAX_UNAVAILABLE", "7", "ARCAL_ROLLOUT_BUYERS_NEED_FORCE", "true"))
        .reconcile().rollout();
    assertThat(count.maxUnavailable().of(1000)).isEqualTo(7);
    assertThat(count.buyerWait()).isEmpty();
  }

  @Test
  void aMissingDotEnvIsFine() {
    assertThat(Settings.load(Map.of(), dir.resolve("none.env")).http().port()).isEqualTo(8080);
  }

  @ParameterizedTest
  @CsvSource({
    "ARCAL_PLATFORM, kubernetes",
    "ARCAL_HTTP_PORT, eighty",
    "ARCAL_HTTP_PORT, 70000",
    "ARCAL_RESYNC_SECONDS, 0",
    "ARCAL_WORKERS, -1",
    "ARCAL_APP_PREFIX, Sale_",
    "ARCAL_ENGINE_CPU, lots",
    "ARCAL_ENGINE_MEMORY, 1GB",
    "ARCAL_ALLOW_INSECURE_BIND, perhaps",
    "ARCAL_CORS_ORIGINS, not-an-origin",
    "ARCAL_API_TOKEN, short",
    "ARCAL_FLEET, has spaces",
    "ARCAL_EMULATOR_CORES, 0",
    "ARCAL_HEAL_BUDGET, 0",
    "ARCAL_HEAL_BUDGET, 120%",
    "ARCAL_HEAL_BUDGET, many",
    "ARCAL_HEAL_BUDGET_WINDOW, 5 minutes",
    "ARCAL_HEAL_BUDGET_WINDOW, 0s",
    "ARCAL_HEAL_RESTART_AFTER, 2h",
    "ARCAL_HEAL_RECREATE_AFTER, -1s",
    "ARCAL_ROLLOUT_MAX_UNAVAILABLE, 0",
    "ARCAL_ROLLOUT_MAX_UNAVAILABLE, 0%",
    "ARCAL_ROLLOUT_MAX_UNAVAILABLE, 120%",
    "ARCAL_ROLLOUT_MAX_UNAVAILABLE, many",
    "ARCAL_ROLLOUT_DEADLINE_SECONDS, 0",
    "ARCAL_RESTART_BRAKE_PERCENT, 101",
    "ARCAL_HEALTH_WATCH_LIMIT, -1",
    "ARCAL_HEALTH_WATCH_LIMIT, all",
  })
  void aBadValueNamesItsVariable(String variable, String value) {
    assertThatThrownBy(() -> Settings.of(Map.of(variable, value)))
        .isInstanceOf(SettingsException.class)
        .satisfies(e -> assertThat(((SettingsException) e).variable()).isEqualTo(variable))
        .hasMessageStartingWith(variable + ": expected")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void healing_defaultsToTenPercentPerFiveMinutes_andTakesCountsSharesAndDurations() {
    Settings.Heal defaults = Settings.of(Map.of()).heal();
    assertThat(defaults.budget()).hasToString("10%");
    assertThat(defaults.window()).isEqualTo(Duration.ofMinutes(5));
    assertThat(defaults.restartAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.recreateAfter()).isEqualTo(Duration.ofSeconds(120));

    Settings.Heal set = Settings.of(Map.of("ARCAL_HEAL_BUDGET", "3", "ARCAL_HEAL_BUDGET_WINDOW", "90s",
        "ARCAL_HEAL_RESTART_AFTER", "2s", "ARCAL_HEAL_RECREATE_AFTER", "1m")).heal();
    assertThat(set.budget().of(1000)).isEqualTo(3);
    assertThat(set.window()).isEqualTo(Duration.ofSeconds(90));
    assertThat(set.restartAfter()).isEqualTo(Duration.ofSeconds(2));
    assertThat(set.recreateAfter()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void theTokenIsNeverEchoed() {
    assertThatThrownBy(() -> Settings.of(Map.of("ARCAL_API_TOKEN", "short secret")))
        .hasMessageNotContaining("short secret");
  }

  @Test
  void azureRequiresItsVariables() {
    for (String required :
        new String[] {"ARCAL_CONTAINERAPPS_ENVIRONMENT_ID", "ARCAL_ENGINE_IMAGE"}) {
      Map<String, String> env = azure();
      env.remove(required);
      assertThatThrownBy(() -> Settings.of(env))
          .isInstanceOf(SettingsException.class)
          .hasMessageStartingWith(required + ":");
    }
    Settings s = Settings.of(azure());
    assertThat(s.platform()).isEqualTo(PlatformKind.AZURE);
    assertThat(s.reconcile().engineHostsFile()).as("app names resolve through DNS").isEmpty();
    assertThat(s.azure().environmentId()).hasValue(ENV_ID);
  }

  @Test
  void onAzure_severalEnvironments_inOrder_theFirstIsTheOrchestratorsOwn() {
    String other = "/subscriptions/sub-2/resourceGroups/rg-2/providers/Microsoft.App/managedEnvironments/env-2";
    Map<String, String> env = azure();
    env.remove("ARCAL_CONTAINERAPPS_ENVIRONMENT_ID");
    env.put("ARCAL_CONTAINERAPPS_ENVIRONMENT_IDS", ENV_ID + " , " + other + ",");

    Settings s = Settings.of(env);

    assertThat(s.azure().environmentIds()).containsExactly(ENV_ID, other);
    assertThat(s.azure().environmentId()).hasValue(ENV_ID);
    env.put("ARCAL_CONTAINERAPPS_ENVIRONMENT_ID", other);
    assertThat(Settings.of(env).azure().environmentIds()).as("the single id may repeat one").hasSize(2);
    assertThat(Settings.of(azure()).azure().environmentIds()).as("the single id alone").containsExactly(ENV_ID);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ARCAL_CONTAINERAPPS_ENVIRONMENT_IDS | /subscriptions/s/resourceGroups/g/nope | expected /subscriptions/",
        "ARCAL_CONTAINERAPPS_ENVIRONMENT_IDS | ' , ' | is empty",
        "ARCAL_CONTAINERAPPS_ENVIRONMENT_IDS | DUPLICATE | twice",
        "ARCAL_CONTAINERAPPS_ENVIRONMENT_ID | /subscriptions/x/resourceGroups/y/providers/Microsoft.App/managedEnvironments/z | is not in ARCAL_CONTAINERAPPS_ENVIRONMENT_IDS",
      })
  void onAzure_aBadEnvironmentList_isRefusedInOneLine(String variable, String value, String why) {
    Map<String, String> env = azure();
    env.put("ARCAL_CONTAINERAPPS_ENVIRONMENT_IDS", ENV_ID);
    env.put(variable, value.equals("DUPLICATE") ? ENV_ID + "," + ENV_ID.toUpperCase() : value);

    assertThatThrownBy(() -> Settings.of(env))
        .isInstanceOf(SettingsException.class)
        .hasMessageStartingWith(variable + ":")
        .hasMessageContaining(why)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void onAzure_theEnvironmentIdIsEnough_subscriptionGroupAndLocationAreDerived() {
    Map<String, String> env = azure();
    env.remove("AZURE_SUBSCRIPTION_ID");
    env.remove("AZURE_RESOURCE_GROUP");
    env.remove("AZURE_LOCATION");

    Settings s = Settings.of(env);

    assertThat(s.azure().subscriptionId()).isEmpty();
    assertThat(s.azure().location()).isEmpty();
    assertThat(s.azure().environmentId()).hasValue(ENV_ID);
  }

  @ParameterizedTest
  @CsvSource({"AZURE_SUBSCRIPTION_ID, other-sub", "AZURE_RESOURCE_GROUP, other-rg"})
  void onAzure_aSubscriptionOrGroupThatContradictsTheEnvironmentId_isRefused(
      String variable, String value) {
    Map<String, String> env = azure();
    env.put(variable, value);

    assertThatThrownBy(() -> Settings.of(env))
        .isInstanceOf(SettingsException.class)
        .hasMessageStartingWith(variable + ": '" + value + "' contradicts")
        .hasMessageContaining("unset " + variable)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    env.put(variable, variable.endsWith("ID") ? "SUB" : "RG");
    assertThat(Settings.of(env).azure().environmentId()).as("ids compare without case").isPresent();
  }

  @Test
  void onAzure_theLocalEngineImageIsRefused_unlessAStandaloneEmulatorIsTheArm() throws Exception {
    Map<String, String> env = azure();
    env.put("ARCAL_ENGINE_IMAGE", "arcal/engine:local");

    assertThatThrownBy(() -> Settings.of(env))
        .isInstanceOf(SettingsException.class)
        .hasMessageStartingWith(
            "ARCAL_ENGINE_IMAGE: arcal/engine:local is the local reference engine")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    env.put("ARCAL_ARM_ENDPOINT", "https://127.0.0.1:8443");
    env.put("ARCAL_ENGINE_HOSTS_FILE", Files.writeString(dir.resolve("hosts"), "").toString());
    assertThat(Settings.of(env).reconcile().defaults().image()).isEqualTo("arcal/engine:local");
  }

  @Test
  void theEnvironmentThisAppRunsIn_isRead() {
    Map<String, String> env = azure();
    env.put("CONTAINER_APP_ENV_DNS_SUFFIX", "nicefield-96748283.eastus.azurecontainerapps.io");

    assertThat(Settings.of(env).azure().runningInDomain())
        .hasValue("nicefield-96748283.eastus.azurecontainerapps.io");
    assertThat(Settings.of(azure()).azure().runningInDomain()).isEmpty();
  }

  @Test
  void protectingReads_needsAToken() {
    assertThatThrownBy(() -> Settings.of(Map.of("ARCAL_PROTECT_READS", "true")))
        .isInstanceOf(SettingsException.class)
        .hasMessageStartingWith("ARCAL_PROTECT_READS: true needs ARCAL_API_TOKEN");
    assertThat(Settings.of(Map.of()).http().protectReads()).isFalse();
    Map<String, String> protectedReads =
        Map.of("ARCAL_PROTECT_READS", "true", "ARCAL_API_TOKEN", "0123456789abcdef");
    assertThat(Settings.of(protectedReads).http().protectReads()).isTrue();
  }

  @Test
  void azureAgainstALoopbackEmulatorResolvesAppNamesThroughItsHostsFile() throws Exception {
    Path pem = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
    Map<String, String> env = azure();
    env.put("ARCAL_ARM_ENDPOINT", "https://127.0.0.1:8443");
    env.put("ARCAL_ARM_CA_FILE", pem.toString());
    env.put("ARCAL_ARM_STATIC_TOKEN", "static-token-value");
    assertThatThrownBy(() -> Settings.of(env))
        .as("a standalone emulator's app names are not in DNS")
        .hasMessageStartingWith("ARCAL_ENGINE_HOSTS_FILE: expected");
    env.put("ARCAL_ENGINE_HOSTS_FILE", dir.resolve("missing-hosts").toString());
    assertThatThrownBy(() -> Settings.of(env)).hasMessageStartingWith("ARCAL_ENGINE_HOSTS_FILE:");

    Path hosts = Files.writeString(dir.resolve("hosts"), "127.1.0.1 sale-a\n");
    env.put("ARCAL_ENGINE_HOSTS_FILE", hosts.toString());
    Settings s = Settings.of(env);
    assertThat(s.reconcile().engineHostsFile()).hasValue(hosts);
    assertThat(s.azure().armCaFile()).hasValue(pem);

    env.put("ARCAL_ARM_ENDPOINT", "http://127.0.0.1:8081");
    assertThatThrownBy(() -> Settings.of(env)).hasMessageStartingWith("ARCAL_ARM_ENDPOINT:");
    env.put("ARCAL_ARM_ENDPOINT", "https://127.0.0.1:8443");
    env.put("ARCAL_ARM_CA_FILE", dir.resolve("missing.pem").toString());
    assertThatThrownBy(() -> Settings.of(env)).hasMessageStartingWith("ARCAL_ARM_CA_FILE:");
  }

  @Test
  void bindingBeyondLoopbackNeedsATokenOrAnExplicitOptIn() {
    assertThatThrownBy(() -> Settings.of(Map.of("ARCAL_HTTP_HOST", "0.0.0.0")))
        .isInstanceOf(SettingsException.class)
        .hasMessageStartingWith("ARCAL_HTTP_HOST:");
    assertThat(Settings.of(Map.of("ARCAL_HTTP_HOST", "0.0.0.0",
        "ARCAL_API_TOKEN", "0123456789abcdef0123")).http().host()).isEqualTo("0.0.0.0");
    assertThat(Settings.of(Map.of("ARCAL_HTTP_HOST", "0.0.0.0",
        "ARCAL_ALLOW_INSECURE_BIND", "true")).http().allowInsecureBind()).isTrue();
    assertThat(Settings.of(Map.of("ARCAL_HTTP_HOST", "localhost")).http().host())
        .isEqualTo("localhost");
  }

  @Test
  void toStringNeverShowsASecret() {
    Map<String, String> env = azure();
    env.put("ARCAL_API_TOKEN", "api-token-secret-value-123");
    env.put("ARCAL_ARM_STATIC_TOKEN", "arm-static-secret-value");
    env.put("AZURE_CLIENT_SECRET", "client-secret-value");
    env.put("AZURE_CLIENT_ID", "client-id");
    String text = Settings.of(env).toString();
    assertThat(text)
        .doesNotContain("api-token-secret-value-123")
        .doesNotContain("arm-static-secret-value")
        .doesNotContain("client-secret-value")
        .contains("AZURE_CLIENT_SECRET")
        .contains("***");
  }

  @Test
  void corsOriginsAreAList() {
    assertThat(Settings.of(Map.of("ARCAL_CORS_ORIGINS", "http://localhost:5173, https://dash.example.com"))
        .http().corsOrigins())
        .containsExactly("http://localhost:5173", "https://dash.example.com");
  }
}
