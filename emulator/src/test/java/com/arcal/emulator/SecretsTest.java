package com.arcal.emulator;

import static com.arcal.emulator.RawArm.API;
import static com.arcal.emulator.RawArm.RG;
import static com.arcal.emulator.RawArm.SUB;
import static com.arcal.emulator.RawArm.appBody;
import static com.arcal.emulator.RawArm.appPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets as Azure keeps them: a resource names its secrets but never carries their values
 * (GET, LIST, the PUT's answer); {@code POST .../listSecrets} alone returns them; a secret sent
 * without its value is refused; values are sealed in the state files and survive a restart.
 */
class SecretsTest {
  private static final String VALUE = "engine-token-SECRET-0123456789abcdef";

  @TempDir Path dataDir;

  private static ObjectNode withSecret(String value) {
    ObjectNode body = appBody("arcal/engine:local");
    ObjectNode config = (ObjectNode) body.path("properties").path("configuration");
    ObjectNode secret = config.putArray("secrets").addObject().put("name", "arcal-engine-token");
    if (value != null) {
      secret.put("value", value);
    }
    ((ObjectNode) body.path("properties").path("template").path("containers").get(0))
        .withArray("env").addObject().put("name", "ARCAL_ENGINE_TOKEN").put("secretRef", "arcal-engine-token");
    return body;
  }

  private static String listSecretsPath(String app) {
    return "/subscriptions/" + SUB + "/resourceGroups/" + RG
        + "/providers/Microsoft.App/containerApps/" + app + "/listSecrets?" + API;
  }

  private static Emulator start(Path dataDir, FakeContainerRuntime runtime) {
    return Emulator.start(EmulatorSettings.builder(dataDir).delays(Duration.ZERO, Duration.ZERO).build(), runtime);
  }

  @Test
  void resourcesNameTheirSecrets_withoutValues_andListSecretsReturnsThem() {
    FakeContainerRuntime runtime = new FakeContainerRuntime();
    try (Emulator emulator = start(dataDir, runtime)) {
      RawArm arm = new RawArm(emulator);
      RawArm.Reply put = arm.put(appPath("shop-s"), withSecret(VALUE));
      assertThat(put.status()).isEqualTo(201);
      await().atMost(Duration.ofSeconds(10))
          .until(() -> arm.get(appPath("shop-s")).body().path("properties").path("provisioningState").asText(),
              "Succeeded"::equals);

      JsonNode got = arm.get(appPath("shop-s")).body();
      JsonNode listed = arm.get("/subscriptions/" + SUB + "/resourceGroups/" + RG
          + "/providers/Microsoft.App/containerApps?" + API).body();
      for (JsonNode resource : new JsonNode[] {put.body(), got, listed.path("value").get(0)}) {
        JsonNode secrets = resource.path("properties").path("configuration").path("secrets");
        assertThat(secrets).hasSize(1);
        assertThat(secrets.get(0).path("name").asText()).isEqualTo("arcal-engine-token");
        assertThat(secrets.get(0).has("value")).isFalse();
        assertThat(resource.toString()).doesNotContain(VALUE);
      }

      RawArm.Reply list = arm.post(listSecretsPath("shop-s"));
      assertThat(list.status()).isEqualTo(200);
      assertThat(list.body().path("value")).hasSize(1);
      assertThat(list.body().path("value").get(0).path("name").asText()).isEqualTo("arcal-engine-token");
      assertThat(list.body().path("value").get(0).path("value").asText()).isEqualTo(VALUE);
      assertThat(list.header("x-ms-ratelimit-remaining-subscription-resource-requests"))
          .as("ARM counts a POST action as a write; Microsoft.App's own count is reported for it")
          .isPresent();
      assertThat(runtime.ensured("shop-s")).singleElement()
          .satisfies(spec -> assertThat(spec.env()).containsEntry("ARCAL_ENGINE_TOKEN", VALUE));
    }
  }

  @Test
  void listSecrets_ofAMissingApp_isResourceNotFound() {
    try (Emulator emulator = start(dataDir, new FakeContainerRuntime())) {
      RawArm.Reply reply = new RawArm(emulator).post(listSecretsPath("nobody"));

      assertThat(reply.status()).isEqualTo(404);
      assertThat(reply.errorCode()).isEqualTo("ResourceNotFound");
    }
  }

  @Test
  void aSecretWithoutItsValue_asAGetShowsIt_isRefused() {
    try (Emulator emulator = start(dataDir, new FakeContainerRuntime())) {
      RawArm arm = new RawArm(emulator);
      RawArm.Reply withoutValue = arm.put(appPath("shop-n"), withSecret(null));
      ObjectNode keyVaultWithoutIdentity = withSecret(null);
      ((ObjectNode) keyVaultWithoutIdentity.path("properties").path("configuration").path("secrets").get(0))
          .put("keyVaultUrl", "https://vault.example/secrets/x");
      RawArm.Reply invalid = arm.put(appPath("shop-k"), keyVaultWithoutIdentity);

      assertThat(withoutValue.status()).isEqualTo(400);
      assertThat(withoutValue.errorCode()).isEqualTo("ContainerAppSecretNull");
      assertThat(withoutValue.body().path("error").path("message").asText()).contains("'arcal-engine-token'");
      assertThat(invalid.status()).isEqualTo(400);
      assertThat(invalid.errorCode()).isEqualTo("ContainerAppSecretInvalid");
      assertThat(arm.get(appPath("shop-n")).status()).isEqualTo(404);
    }
  }

  @Test
  void valuesAreSealedOnDisk_andSurviveARestart() throws Exception {
    try (Emulator first = start(dataDir, new FakeContainerRuntime())) {
      RawArm arm = new RawArm(first);
      assertThat(arm.put(appPath("shop-p"), withSecret(VALUE)).status()).isEqualTo(201);
      await().atMost(Duration.ofSeconds(10))
          .until(() -> arm.get(appPath("shop-p")).body().path("properties").path("provisioningState").asText(),
              "Succeeded"::equals);
      assertThat(Files.readString(dataDir.resolve("arm-journal.jsonl")))
          .contains("sealedValue").doesNotContain(VALUE);
    }

    FakeContainerRuntime second = new FakeContainerRuntime();
    try (Emulator again = start(dataDir, second)) {
      RawArm.Reply list = new RawArm(again).post(listSecretsPath("shop-p"));

      assertThat(list.body().path("value").get(0).path("value").asText()).isEqualTo(VALUE);
      assertThat(second.ensured("shop-p")).singleElement()
          .satisfies(spec -> assertThat(spec.env()).containsEntry("ARCAL_ENGINE_TOKEN", VALUE));
    }
    assertThat(Files.readString(dataDir.resolve("arm-state.json")))
        .as("the journal, folded at start").contains("sealedValue").doesNotContain(VALUE);
  }
}
