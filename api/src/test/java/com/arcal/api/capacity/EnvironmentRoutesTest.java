package com.arcal.api.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.api.ApiClient.Response;
import com.arcal.api.TestOrchestrator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /environments, the placement in GET /sales/{id}, and the core gauges in /metrics. */
class EnvironmentRoutesTest {
  private static final Duration SOON = Duration.ofSeconds(10);

  @TempDir Path dir;
  private TestOrchestrator orch;

  @AfterEach
  void stop() {
    orch.close();
  }

  @Test
  void environmentsShowTheirCores_aPlacedSaleNamesItsEnvironment_andAWaitingOneSaysWhy() {
    orch =
        TestOrchestrator.withEnvironments(
            dir,
            u -> u.limit(TestOrchestrator.ENV_A, 1).takenByOthers(TestOrchestrator.ENV_A, 0.5)
                .limit(TestOrchestrator.ENV_B, 0));
    assertThat(orch.client.post("/sales/spawn", "{\"saleId\":\"first\"}").status()).isEqualTo(202);
    await().atMost(SOON).until(() -> orch.apps.count("put") == 1);
    assertThat(orch.client.post("/sales/spawn", "{\"saleId\":\"second\"}").status()).isEqualTo(202);

    await().atMost(SOON).until(() -> "Pending".equals(phase("second"))
        && condition("second").path("reason").asText().equals("InsufficientCores"));
    assertThat(condition("second").path("status").asText()).isEqualTo("False");
    assertThat(condition("second").path("message").asText())
        .contains("env-a 1/1 cores used").contains("env-b 0/0 cores used");
    assertThat(condition("first").path("message").asText()).isEqualTo(TestOrchestrator.ENV_A.toString());

    JsonNode environments = orch.client.get("/environments").json();
    assertThat(environments.path("waitingForCores").asLong()).isEqualTo(1);
    JsonNode a = environments.path("environments").get(0);
    assertThat(a.path("id").asText()).isEqualTo(TestOrchestrator.ENV_A.toString());
    assertThat(a.path("subscriptionId").asText()).isEqualTo("sub-a");
    assertThat(a.path("usedCores").asDouble()).isEqualTo(1.0);
    assertThat(a.path("limitCores").asDouble()).isEqualTo(1.0);
    assertThat(a.path("freeCores").asDouble()).isZero();
    assertThat(a.path("sales").asInt()).isEqualTo(1);
    assertThat(environments.path("environments").get(1).path("name").asText()).isEqualTo("env-b");

    String metrics = orch.client.get("/metrics").body();
    assertThat(metrics)
        .containsPattern("arcal_environment_cores_used\\{environment=\"env-a\",resource_group=\"rg-a\",subscription=\"sub-a\"} 1\\.0")
        .containsPattern("arcal_environment_cores_limit\\{environment=\"env-b\",resource_group=\"rg-b\",subscription=\"sub-b\"} 0\\.0");
  }

  @Test
  void aClosedEnvironment_getsNoNewSaleThoughItHasRoom_andSaysWhy() {
    orch =
        TestOrchestrator.withEnvironments(
            dir,
            u -> u.limit(TestOrchestrator.ENV_A, 1).limit(TestOrchestrator.ENV_B, 10),
            Map.of(TestOrchestrator.ENV_B, "engines not reachable from env-a"));
    assertThat(orch.client.post("/sales/spawn", "{\"saleId\":\"first\"}").status()).isEqualTo(202);
    await().atMost(SOON).until(() -> orch.apps.count("put") == 1);

    assertThat(condition("first").path("message").asText()).isEqualTo(TestOrchestrator.ENV_A.toString());
    JsonNode environments = orch.client.get("/environments").json().path("environments");
    assertThat(environments.get(0).path("closed").isNull()).isTrue();
    assertThat(environments.get(1).path("closed").asText()).isEqualTo("engines not reachable from env-a");
    assertThat(environments.get(1).path("freeCores").asDouble()).isEqualTo(10.0);
    assertThat(orch.client.get("/metrics").body())
        .containsPattern("arcal_environment_open\\{environment=\"env-a\",[^}]*} 1\\.0")
        .containsPattern("arcal_environment_open\\{environment=\"env-b\",[^}]*} 0\\.0");
  }

  private String phase(String sale) {
    return orch.client.get("/sales/" + sale).json().path("status").path("phase").asText();
  }

  private JsonNode condition(String sale) {
    Response r = orch.client.get("/sales/" + sale);
    for (JsonNode c : r.json().path("status").path("conditions")) {
      if (c.path("type").asText().equals("Scheduled")) {
        return c;
      }
    }
    return MissingNode.getInstance();
  }
}
