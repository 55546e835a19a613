package com.arcal.controller.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.controller.endpoint.BuyerUrls;
import com.arcal.controller.endpoint.EngineEndpoints;
import com.arcal.controller.engine.EngineAddress;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.resourcemanager.appcontainers.fluent.models.ContainerAppInner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Engine addresses derived from app bodies as ARM returns them: the REST reference's example
 * and a recording made against real Azure (copied from shared/reference into test resources).
 */
class RecordedAppBodiesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode resource(String name) throws IOException {
    try (InputStream in = RecordedAppBodiesTest.class.getResourceAsStream("/reference/" + name)) {
      return JSON.readTree(in);
    }
  }

  private static AppObservation observe(JsonNode body) throws IOException {
    try (JsonReader reader = JsonProviders.createReader(JSON.writeValueAsString(body))) {
      return AppBodies.observe(ContainerAppInner.fromJson(reader));
    }
  }

  /**
   * The reference example's 200 body with the ingress' additional ports of its request (the
   * example's response omits them; Azure returns the configuration it was given).
   */
  private static JsonNode referenceBody() throws IOException {
    JsonNode example = resource("ContainerApps_CreateOrUpdate.2025-07-01.trimmed.json");
    ObjectNode body = (ObjectNode) example.at("/responses/200/body").deepCopy();
    JsonNode mappings =
        example.at("/parameters/containerAppEnvelope/properties/configuration/ingress/additionalPortMappings");
    ((ObjectNode) body.at("/properties/configuration/ingress")).set("additionalPortMappings", mappings);
    return body;
  }

  @Test
  void grpcTarget_isTheAppNameAndTheExposedPortOfItsMapping() throws IOException {
    AppObservation app = observe(referenceBody());

    assertThat(EngineEndpoints.grpcAddress(app, 2345))
        .contains(new EngineAddress("testcontainerapp0", 3456));
  }

  @Test
  void grpcTarget_exposedPortDefaultsToTheTargetPort() throws IOException {
    AppObservation app = observe(referenceBody());

    assertThat(EngineEndpoints.grpcAddress(app, 1234))
        .contains(new EngineAddress("testcontainerapp0", 1234));
  }

  @Test
  void noMappingForThePort_noAddress() throws IOException {
    AppObservation app = observe(referenceBody());

    assertThat(EngineEndpoints.grpcAddress(app, AppRequest.GRPC_PORT)).isEmpty();
    assertThat(new EngineEndpoints(BuyerUrls.ingress()).resolve(app)).isEmpty();
  }

  @Test
  void buyersUseTheIngressFqdnOverTls() throws IOException {
    AppObservation app = observe(referenceBody());

    assertThat(BuyerUrls.ingress().of(app))
        .contains("wss://testcontainerapp0.demokube-t24clv0g.eastus.containerApps.k4apps.io/");
  }

  @Test
  void realRecording_appWithoutIngress_hasNoEngineAddress() throws IOException {
    JsonNode entries = resource("real-recording-ContainerApp-create-delete.trimmed.json").get("Entries");
    JsonNode succeeded = null;
    for (JsonNode entry : entries) {
      if (entry.at("/ResponseBody/properties/provisioningState").asText().equals("Succeeded")) {
        succeeded = entry.get("ResponseBody");
      }
    }
    assertThat(succeeded).as("the recording holds the provisioned app").isNotNull();

    AppObservation app = observe(succeeded);

    assertThat(app.name()).isEqualTo("mycontainerappxxx");
    assertThat(app.state()).isEqualTo(ProvisioningState.SUCCEEDED);
    assertThat(app.additionalPorts()).isEmpty();
    assertThat(new EngineEndpoints(BuyerUrls.ingress()).resolve(app)).isEmpty();
  }
}
