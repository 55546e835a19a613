package com.arcal.controller.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.resourcemanager.appcontainers.fluent.models.ManagedEnvironmentInner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The environment's facts, read from real ARM bodies as the SDK parses them. */
class ManagedEnvironmentTest {
  private static final EnvironmentId ID =
      new EnvironmentId("8efdecc5-919e-44eb-b179-915dca89ebf9", "examplerg", "jlaw-demo1");

  @Test
  void workloadProfilesEnvironment_restReferenceExample() throws IOException {
    JsonNode body = reference("ManagedEnvironments_Get.2025-01-01.json").at("/responses/200/body");

    ManagedEnvironment env = ManagedEnvironment.of(ID, parse(body));

    assertThat(env.workloadProfiles()).isTrue();
    assertThat(env.consumptionProfile())
        .as("the profile of type Consumption, whatever its name")
        .contains("My-consumption-01");
    assertThat(env.location()).isEqualTo("northcentralus");
    assertThat(env.defaultDomain()).isEqualTo("jlaw-demo1.k4apps.io");
  }

  @Test
  void consumptionOnlyEnvironment_realRecording() throws IOException {
    JsonNode put = reference("real-recording-ManagedEnvironment-LRO.trimmed.json").at("/Entries/1");
    assertThat(put.path("RequestMethod").asText()).isEqualTo("PUT");

    ManagedEnvironment env = ManagedEnvironment.of(ID, parse(put.path("ResponseBody")));

    assertThat(env.workloadProfiles()).isFalse();
    assertThat(env.consumptionProfile()).isEqualTo(Optional.empty());
    assertThat(env.location()).isEqualTo("eastus");
    assertThat(env.defaultDomain()).isEqualTo("nicefield-96748283.eastus.azurecontainerapps.io");
  }

  @Test
  void environmentIds_parseWithoutRegardToCase() {
    assertThat(
            EnvironmentId.parse(
                "/subscriptions/s/resourcegroups/rg/providers/microsoft.app/managedenvironments/e"))
        .contains(new EnvironmentId("s", "rg", "e"));
    assertThat(EnvironmentId.parse("/subscriptions/s/resourceGroups/rg")).isEmpty();
    assertThat(new EnvironmentId("s", "rg", "e").toString())
        .isEqualTo("/subscriptions/s/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/e");
  }

  private static ManagedEnvironmentInner parse(JsonNode body) throws IOException {
    try (JsonReader reader = JsonProviders.createReader(body.toString())) {
      return ManagedEnvironmentInner.fromJson(reader);
    }
  }

  private static JsonNode reference(String name) throws IOException {
    try (InputStream in = ManagedEnvironmentTest.class.getResourceAsStream("/reference/" + name)) {
      return new ObjectMapper().readTree(in);
    }
  }
}
