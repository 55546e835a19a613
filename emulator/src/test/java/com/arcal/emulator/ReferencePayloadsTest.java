package com.arcal.emulator;

import static com.arcal.emulator.RawArm.API;
import static com.arcal.emulator.RawArm.ENV_ID;
import static com.arcal.emulator.RawArm.RG;
import static com.arcal.emulator.RawArm.SUB;
import static com.arcal.emulator.RawArm.appPath;
import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.emulator.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays the request bodies of the reference payloads (Azure's spec examples and real recordings,
 * copied to src/test/resources/reference) and checks that every field Azure answers is present in
 * the emulator's answer, with Azure's enum spelling. Arrays are compared by presence only: their
 * elements echo the request.
 */
class ReferencePayloadsTest {
  @TempDir Path dataDir;
  private Emulator emulator;
  private RawArm arm;

  @BeforeEach
  void start() {
    emulator =
        Emulator.start(
            EmulatorSettings.builder(dataDir)
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
  void specExample_createOrUpdate_answersEveryFieldOfAzuresResponses() throws IOException {
    JsonNode example = resource("ContainerApps_CreateOrUpdate.2025-07-01.trimmed.json");
    ObjectNode request = example.path("parameters").path("containerAppEnvelope").deepCopy();
    ((ObjectNode) request.path("properties")).put("environmentId", ENV_ID);

    RawArm.Reply created = arm.put(appPath("testcontainerapp0"), request);

    assertThat(created.status()).isEqualTo(201);
    assertThat(missingKeys(example.path("responses").path("201").path("body"), created.body(), ""))
        .isEmpty();
    JsonNode done = arm.awaitState("testcontainerapp0", "Succeeded");
    assertThat(missingKeys(example.path("responses").path("200").path("body"), done, "")).isEmpty();
    JsonNode ingress = done.path("properties").path("configuration").path("ingress");
    assertThat(ingress.path("transport").asText()).as("real Azure capitalises").isEqualTo("Auto");
    assertThat(ingress.path("additionalPortMappings").get(1).path("exposedPort").asInt())
        .isEqualTo(3456);
    assertThat(ingress.path("additionalPortMappings").get(0).path("exposedPort").asInt())
        .as("exposedPort defaults to targetPort")
        .isEqualTo(1234);
    assertThat(done.path("location").asText()).isEqualTo("East US");
  }

  @Test
  void realRecording_createGetDeleteList_haveAzuresShapes() throws IOException {
    JsonNode entries =
        resource("real-recording-ContainerApp-create-delete.trimmed.json").path("Entries");
    JsonNode putEntry = entries.get(0);
    ObjectNode request = putEntry.path("RequestBody").deepCopy();
    ((ObjectNode) request.path("properties")).put("managedEnvironmentId", ENV_ID);

    RawArm.Reply created = arm.put(appPath("mycontainerappxxx"), request);

    JsonNode expected201 = putEntry.path("ResponseBody");
    assertThat(created.status()).isEqualTo(putEntry.path("StatusCode").asInt());
    assertThat(missingKeys(expected201, created.body(), "")).isEmpty();
    assertThat(created.header("Retry-After")).isPresent();
    assertThat(created.header("x-ms-async-operation-timeout")).contains("PT15M");
    JsonNode props = created.body().path("properties");
    assertThat(props.path("latestRevisionName").asText()).isEmpty();
    assertThat(props.path("configuration").path("activeRevisionsMode").asText())
        .isEqualTo("Single");
    assertThat(props.path("configuration").path("maxInactiveRevisions").asInt()).isEqualTo(100);
    assertThat(props.path("template").path("scale").path("maxReplicas").asInt()).isEqualTo(10);
    assertThat(props.path("template").path("containers").get(0).path("resources"))
        .isEqualTo(
            expected201
                .path("properties")
                .path("template")
                .path("containers")
                .get(0)
                .path("resources"));
    assertThat(created.body().path("identity")).isEqualTo(expected201.path("identity"));
    assertThat(created.body().path("id").asText()).contains("/containerapps/");

    String statusUrl = created.header("Azure-AsyncOperation").orElseThrow();
    JsonNode status = arm.getUrl(statusUrl).body();
    assertThat(missingKeys(entries.get(1).path("ResponseBody"), status, "")).isEmpty();

    JsonNode done = arm.awaitState("mycontainerappxxx", "Succeeded");
    assertThat(missingKeys(entries.get(3).path("ResponseBody"), done, "")).isEmpty();
    assertThat(done.path("properties").path("latestRevisionFqdn").asText())
        .as("no ingress, no fqdn")
        .isEmpty();
    assertThat(done.path("properties").path("latestReadyRevisionName").asText())
        .matches("mycontainerappxxx--[a-z0-9]{7}");

    RawArm.Reply deleted = arm.delete(appPath("mycontainerappxxx"));
    assertThat(deleted.status()).isEqualTo(202);
    assertThat(deleted.body()).isNull();
    assertThat(deleted.header("Content-Length")).contains("0");
    String location = deleted.header("Location").orElseThrow();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> arm.getUrl(location).status() == 204);

    RawArm.Reply list =
        arm.get(
            "/subscriptions/"
                + SUB
                + "/resourceGroups/"
                + RG
                + "/providers/Microsoft.App/containerApps?"
                + API);
    assertThat(list.body()).isEqualTo(entries.get(entries.size() - 1).path("ResponseBody"));
  }

  @Test
  void listByResourceGroup_hasTheExampleShape() throws IOException {
    JsonNode example = resource("ContainerApps_ListByResourceGroup.2025-07-01.trimmed.json");
    JsonNode first = example.path("responses").path("200").path("body").path("value").get(0);
    ObjectNode request = Json.object();
    request.put("location", first.path("location").asText());
    ObjectNode props = request.putObject("properties");
    props.put("managedEnvironmentId", ENV_ID);
    props.set("configuration", first.path("properties").path("configuration").deepCopy());
    props.set("template", first.path("properties").path("template").deepCopy());
    arm.put(appPath("testcontainerapp0"), request);
    arm.awaitState("testcontainerapp0", "Succeeded");

    JsonNode list =
        arm.get(
                "/subscriptions/"
                    + SUB
                    + "/resourceGroups/"
                    + RG
                    + "/providers/Microsoft.App/containerApps?"
                    + API)
            .body();

    assertThat(missingKeys(first, list.path("value").get(0), "")).isEmpty();
  }

  /** Paths of fields present in {@code reference} but absent from {@code actual}. */
  static List<String> missingKeys(JsonNode reference, JsonNode actual, String path) {
    List<String> missing = new ArrayList<>();
    if (!reference.isObject()) {
      return missing;
    }
    for (Map.Entry<String, JsonNode> field : reference.properties()) {
      String at = path + "/" + field.getKey();
      if (actual == null || !actual.has(field.getKey())) {
        missing.add(at);
      } else if (field.getValue().isObject()) {
        missing.addAll(missingKeys(field.getValue(), actual.get(field.getKey()), at));
      }
    }
    return missing;
  }

  private static JsonNode resource(String name) throws IOException {
    try (InputStream in = ReferencePayloadsTest.class.getResourceAsStream("/reference/" + name)) {
      return Json.mapper().readTree(in);
    }
  }
}
