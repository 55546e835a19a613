package com.arcal.emulator;

import static com.arcal.emulator.RawArm.API;
import static com.arcal.emulator.RawArm.appBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.emulator.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capacity as Azure models it, over raw HTTP: several environments per resource group in any
 * subscription, each with a core quota counted from its apps' replicas, refused writes past it,
 * and the usages resource in the REST reference example's shape.
 */
class EnvironmentCapacityTest {
  private static final String SUB_A = "aaaaaaaa-0000-0000-0000-000000000001";
  private static final String SUB_B = "bbbbbbbb-0000-0000-0000-000000000002";
  private static final String RG = "arcal-local";
  private static final String QUOTA_MESSAGE =
      "Maximum Allowed Cores exceeded for the Managed Environment. Please check"
          + " https://learn.microsoft.com/en-us/azure/container-apps/quotas for resource limits.";

  @TempDir Path dataDir;
  private Emulator emulator;
  private RawArm arm;

  @BeforeEach
  void start() {
    emulator = start(dataDir);
    arm = new RawArm(emulator);
  }

  private static Emulator start(Path dir) {
    return Emulator.start(
        EmulatorSettings.builder(dir)
            .environments(List.of("env-a", "env-b"))
            .environmentCores(1)
            .delays(Duration.ofMillis(20), Duration.ofMillis(20))
            .build(),
        new FakeContainerRuntime());
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void usages_haveTheShapeOfTheRestReferenceExample() throws IOException {
    JsonNode example = resource("ManagedEnvironmentUsages_List.2025-01-01.json");
    JsonNode expected = example.path("responses").path("200").path("body");
    arm.put(appPath(SUB_A, "shop-1"), app(SUB_A, "env-a", 0.5));

    JsonNode usages = arm.get(usagesPath(SUB_A, "env-a")).body();

    assertThat(ReferencePayloadsTest.missingKeys(expected.path("value").get(0),
            usages.path("value").get(0), "")).isEmpty();
    assertThat(usages.path("value")).hasSize(1);
    JsonNode usage = usages.path("value").get(0);
    assertThat(usage.path("name")).isEqualTo(expected.path("value").get(0).path("name"));
    assertThat(usage.path("unit").asText()).isEqualTo("Count");
    assertThat(usage.path("currentValue").asDouble()).isEqualTo(0.5);
    assertThat(usage.path("limit").isIntegralNumber()).as("written as the example: 10").isTrue();
    assertThat(usage.path("limit").asInt()).isEqualTo(1);
    assertThat(usages.has("nextLink")).isFalse();
  }

  @Test
  void aCreatePastTheQuota_isRefusedWithAzuresMessage_andRecordsNothing() {
    assertThat(arm.put(appPath(SUB_A, "shop-1"), app(SUB_A, "env-a", 0.5)).status()).isEqualTo(201);
    assertThat(arm.put(appPath(SUB_A, "shop-2"), app(SUB_A, "env-a", 0.5)).status()).isEqualTo(201);

    RawArm.Reply refused = arm.put(appPath(SUB_A, "shop-3"), app(SUB_A, "env-a", 0.25));

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.errorCode()).isEqualTo("OperationNotAllowed");
    assertThat(refused.body().path("error").path("message").asText()).isEqualTo(QUOTA_MESSAGE);
    assertThat(arm.get(appPath(SUB_A, "shop-3")).status()).isEqualTo(404);
    assertThat(currentCores(SUB_A, "env-a")).isEqualTo(1.0);
  }

  @Test
  void replicasCount_minReplicasTimesEveryContainersCpu() {
    ObjectNode twoReplicas = app(SUB_A, "env-a", 0.25);
    ((ObjectNode) twoReplicas.path("properties").path("template").path("scale"))
        .put("minReplicas", 2);

    arm.put(appPath(SUB_A, "shop-1"), twoReplicas);

    assertThat(currentCores(SUB_A, "env-a")).isEqualTo(0.5);
  }

  @Test
  void eachEnvironmentAndSubscription_hasItsOwnQuota() {
    arm.put(appPath(SUB_A, "shop-1"), app(SUB_A, "env-a", 1.0));

    assertThat(arm.put(appPath(SUB_A, "shop-2"), app(SUB_A, "env-b", 1.0)).status())
        .isEqualTo(201);
    assertThat(arm.put(appPath(SUB_B, "shop-3"), app(SUB_B, "env-a", 1.0)).status())
        .isEqualTo(201);
    assertThat(currentCores(SUB_A, "env-a")).isEqualTo(1.0);
    assertThat(currentCores(SUB_A, "env-b")).isEqualTo(1.0);
    assertThat(currentCores(SUB_B, "env-a")).isEqualTo(1.0);
    assertThat(currentCores(SUB_B, "env-b")).isZero();
  }

  @Test
  void anUpdate_isRefusedOnlyWhenItAddsCoresPastTheQuota() {
    arm.put(appPath(SUB_A, "shop-1"), app(SUB_A, "env-a", 0.5));
    awaitSucceeded(SUB_A, "shop-1");
    arm.put(appPath(SUB_A, "shop-2"), app(SUB_A, "env-a", 0.5));
    awaitSucceeded(SUB_A, "shop-2");

    RawArm.Reply bigger = arm.put(appPath(SUB_A, "shop-1"), app(SUB_A, "env-a", 0.75));
    RawArm.Reply smaller = arm.put(appPath(SUB_A, "shop-2"), app(SUB_A, "env-a", 0.25));

    assertThat(bigger.status()).isEqualTo(409);
    assertThat(bigger.body().path("error").path("message").asText()).isEqualTo(QUOTA_MESSAGE);
    assertThat(smaller.status()).isEqualTo(201);
    assertThat(currentCores(SUB_A, "env-a")).isEqualTo(0.75);
  }

  @Test
  void aDeletedApp_freesItsCoresOnceGone() {
    arm.put(appPath(SUB_A, "shop-1"), app(SUB_A, "env-a", 1.0));
    awaitSucceeded(SUB_A, "shop-1");
    assertThat(arm.put(appPath(SUB_A, "shop-2"), app(SUB_A, "env-a", 1.0)).status())
        .isEqualTo(409);

    arm.delete(appPath(SUB_A, "shop-1"));

    await().atMost(Duration.ofSeconds(10)).until(() -> currentCores(SUB_A, "env-a") == 0.0);
    assertThat(arm.put(appPath(SUB_A, "shop-2"), app(SUB_A, "env-a", 1.0)).status())
        .isEqualTo(201);
  }

  @Test
  void usages_surviveARestart() {
    arm.put(appPath(SUB_A, "shop-1"), app(SUB_A, "env-a", 0.75));
    emulator.close();

    emulator = start(dataDir);
    arm = new RawArm(emulator);

    assertThat(currentCores(SUB_A, "env-a")).isEqualTo(0.75);
  }

  @Test
  void environments_listByResourceGroupAndSubscription_andGetEach() {
    JsonNode byGroup =
        arm.get("/subscriptions/" + SUB_A + "/resourceGroups/" + RG
                + "/providers/Microsoft.App/managedEnvironments?" + API).body();
    JsonNode bySubscription =
        arm.get("/subscriptions/" + SUB_B + "/providers/Microsoft.App/managedEnvironments?" + API)
            .body();
    JsonNode envB = arm.get(environmentPath(SUB_A, "env-b")).body();

    assertThat(byGroup.path("value")).extracting(e -> e.path("name").asText())
        .containsExactly("env-a", "env-b");
    assertThat(byGroup.has("nextLink")).isFalse();
    assertThat(bySubscription.path("value")).extracting(e -> e.path("id").asText())
        .containsExactly(environmentId(SUB_B, "env-a"), environmentId(SUB_B, "env-b"));
    assertThat(envB.path("id").asText()).isEqualTo(environmentId(SUB_A, "env-b"));
    assertThat(envB.path("type").asText()).isEqualTo("Microsoft.App/managedEnvironments");
    assertThat(envB.path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
    assertThat(envB.path("properties").path("defaultDomain").asText())
        .isEqualTo("env-b.arcal-local.arcal.localhost");
    assertThat(byGroup.path("value").get(0)).isEqualTo(arm.get(environmentPath(SUB_A, "env-a")).body());
  }

  @Test
  void anEnvironmentNotConfigured_isNotFound_forTheEnvironmentAndForAnApp() {
    RawArm.Reply get = arm.get(environmentPath(SUB_A, "arcal-env"));
    RawArm.Reply usages = arm.get(usagesPath(SUB_A, "arcal-env"));
    RawArm.Reply put = arm.put(appPath(SUB_A, "shop-1"), app(SUB_A, "arcal-env", 0.5));

    assertThat(get.status()).isEqualTo(404);
    assertThat(get.errorCode()).isEqualTo("ResourceNotFound");
    assertThat(usages.status()).isEqualTo(404);
    assertThat(put.status()).isEqualTo(404);
    assertThat(put.errorCode()).isEqualTo("ManagedEnvironmentNotFound");
  }

  private void awaitSucceeded(String sub, String name) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> arm.get(appPath(sub, name)).body().path("properties")
            .path("provisioningState").asText().equals("Succeeded"));
  }

  private double currentCores(String sub, String env) {
    return arm.get(usagesPath(sub, env)).body().path("value").get(0).path("currentValue")
        .asDouble();
  }

  private static ObjectNode app(String sub, String env, double cpu) {
    ObjectNode body = appBody("arcal/engine:local");
    ObjectNode props = (ObjectNode) body.path("properties");
    props.put("managedEnvironmentId", environmentId(sub, env));
    ((ObjectNode) props.path("template").path("containers").get(0))
        .putObject("resources").put("cpu", cpu).put("memory", cpu * 2 + "Gi");
    return body;
  }

  private static String environmentId(String sub, String env) {
    return "/subscriptions/" + sub + "/resourceGroups/" + RG
        + "/providers/Microsoft.App/managedEnvironments/" + env;
  }

  private static String environmentPath(String sub, String env) {
    return environmentId(sub, env) + "?" + API;
  }

  private static String usagesPath(String sub, String env) {
    return environmentId(sub, env) + "/usages?" + API;
  }

  private static String appPath(String sub, String name) {
    return "/subscriptions/" + sub + "/resourceGroups/" + RG
        + "/providers/Microsoft.App/containerApps/" + name + "?" + API;
  }

  private static JsonNode resource(String name) throws IOException {
    try (InputStream in = EnvironmentCapacityTest.class.getResourceAsStream("/reference/" + name)) {
      return Json.mapper().readTree(in);
    }
  }
}
