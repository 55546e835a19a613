package com.arcal.emulator.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arcal.emulator.http.ArmException;
import com.arcal.emulator.http.Json;
import com.arcal.emulator.state.DesiredSpec;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecNormalizerTest {
  private static final String ENV =
      "/subscriptions/s/resourceGroups/arcal-local/providers/Microsoft.App/managedEnvironments/arcal-env";
  private final SpecNormalizer normalizer =
      new SpecNormalizer(new Environments(List.of("arcal-local"), "westeurope"));

  private static JsonNode json(String text) {
    return Json.parse(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  private static String app(String ingress) {
    return "{'location':'westeurope','properties':{'managedEnvironmentId':'"
        + ENV
        + "',"
        + "'configuration':{'ingress':"
        + ingress
        + "},"
        + "'template':{'containers':[{'name':'c','image':'i','resources':{'cpu':1}}]}}}";
  }

  @Test
  void fillsAzureDefaults_inAzureSpelling() {
    DesiredSpec spec = normalizer.normalize(json(app("{'targetPort':3000,'transport':'HTTP2'}")));

    JsonNode ingress = spec.configuration().path("ingress");
    assertThat(ingress.path("transport").asText()).isEqualTo("Http2");
    assertThat(ingress.path("external").asBoolean(true)).isFalse();
    assertThat(ingress.path("traffic").get(0).path("latestRevision").asBoolean()).isTrue();
    assertThat(spec.configuration().path("activeRevisionsMode").asText()).isEqualTo("Single");
    JsonNode resources = spec.template().path("containers").get(0).path("resources");
    assertThat(resources.path("cpu").isDouble()).isTrue();
    assertThat(resources.path("memory").asText()).isEqualTo("2Gi");
    assertThat(resources.path("ephemeralStorage").asText()).isEqualTo("4Gi");
    assertThat(spec.location()).isEqualTo("West Europe");
    assertThat(spec.environmentId()).isEqualTo(ENV);
  }

  @Test
  void isIdempotent_soReadBackSpecsCompareEqual() {
    DesiredSpec first =
        normalizer.normalize(
            json(app("{'targetPort':3000,'additionalPortMappings':[{'targetPort':50051}]}")));
    DesiredSpec again =
        normalizer.normalize(
            new AppRenderer(new Environments(List.of("arcal-local"), "westeurope"))
                .render(
                    new com.arcal.emulator.state.AppRecord(
                        "a1",
                        "s",
                        "arcal-local",
                        first,
                        com.arcal.emulator.state.ProvisioningState.Succeeded,
                        "",
                        "",
                        null,
                        "127.1.0.1",
                        List.of(),
                        null,
                        java.time.Instant.EPOCH,
                        java.time.Instant.EPOCH)));

    assertThat(again.sameDesiredState(first)).isTrue();
    assertThat(
            first
                .configuration()
                .path("ingress")
                .path("additionalPortMappings")
                .get(0)
                .path("exposedPort")
                .asInt())
        .isEqualTo(50051);
  }

  @Test
  void refusesDuplicatePortsAndUnknownTransport() {
    assertThatThrownBy(
            () ->
                normalizer.normalize(
                    json(
                        app("{'targetPort':3000,'additionalPortMappings':[{'targetPort':3000}]}"))))
        .isInstanceOfSatisfying(ArmException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(
            () -> normalizer.normalize(json(app("{'targetPort':3000,'transport':'quic'}"))))
        .isInstanceOfSatisfying(ArmException.class, e -> assertThat(e.status()).isEqualTo(400));
  }
}
