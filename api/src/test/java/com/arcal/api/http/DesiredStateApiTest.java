package com.arcal.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.api.ApiClient.Response;
import com.arcal.api.TestOrchestrator;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesiredStateApiTest {
  @TempDir Path dir;
  private TestOrchestrator orch;

  @BeforeEach
  void start() {
    orch = TestOrchestrator.start(dir);
  }

  @AfterEach
  void stop() {
    orch.close();
  }

  @Test
  void getAnswersTheFileFormatWithItsETag() throws Exception {
    orch.client.post("/sales/spawn", "{\"saleId\":\"vente-01\",\"config\":{\"lots\":\"3\"}}");
    Response r = orch.client.get("/desired-state");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("ETag")).isEqualTo(
        "\"" + orch.orchestrator.backend().store().snapshot().version() + "\"");
    assertThat(r.json().get("sales").get("vente-01").get("config").get("lots").asText()).isEqualTo("3");
    assertThat(r.json().get("sales").get("vente-01").get("generation").asLong()).isEqualTo(1);
    assertThat(r.body()).isEqualTo(Files.readString(orch.stateFile, StandardCharsets.UTF_8));
  }

  @Test
  void putNeedsIfMatch_428() {
    Response r = orch.client.put("/desired-state", "{\"sales\":{}}", null);
    assertThat(r.status()).isEqualTo(428);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().get("field").asText()).isEqualTo("If-Match");
  }

  @Test
  void putWithStaleETag_412_andNothingChanges() {
    String etag = orch.client.get("/desired-state").header("ETag");
    orch.client.post("/sales/spawn", "{\"saleId\":\"vente-01\"}");
    Response r = orch.client.put("/desired-state", "{\"sales\":{\"other\":{}}}", etag);
    assertThat(r.status()).isEqualTo(412);
    assertThat(r.header("ETag")).isNotEqualTo(etag);
    assertThat(orch.client.get("/desired-state").json().get("sales").has("other")).isFalse();
  }

  @Test
  void putReplacesTheDocument_andTheControllerFollows() {
    orch.client.post("/sales/spawn", "{\"saleId\":\"old\"}");
    String etag = orch.client.get("/desired-state").header("ETag");
    Response r =
        orch.client.put("/desired-state", "{\"sales\":{\"new-1\":{\"cpu\":\"1\"},\"new-2\":{}}}", etag);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.header("ETag")).isNotEqualTo(etag);
    JsonNode sales = r.json().get("sales");
    assertThat(sales.has("old")).isFalse();
    assertThat(sales.get("new-1").get("cpu").asText()).isEqualTo("1");
    await().atMost(Duration.ofSeconds(10))
        .until(() -> orch.apps.app("sale-new-1").isPresent() && orch.apps.app("sale-new-2").isPresent());
  }

  @Test
  void putWithAnInvalidDocument_400NamesTheField() {
    String etag = orch.client.get("/desired-state").header("ETag");
    Response r = orch.client.put("/desired-state", "{\"sales\":{\"a\":{\"cpu\":\"x\"}}}", etag);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("field").asText()).contains("cpu");
    Response unknown = orch.client.put("/desired-state", "{\"sale\":{}}", etag);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("detail").asText()).contains("sales");
  }

  @Test
  void dryRunAnswersThePlanAndAppliesNothing() {
    orch.client.post("/sales/spawn", "{\"saleId\":\"keep\"}");
    await().atMost(Duration.ofSeconds(10)).until(() -> orch.completeAndCheckRunning("keep"));
    String etag = orch.client.get("/desired-state").header("ETag");

    Response r = orch.client.put("/desired-state?dryRun=true", "{\"sales\":{\"fresh\":{}}}", etag);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("create")).extracting(JsonNode::asText).containsExactly("fresh");
    assertThat(r.json().get("delete")).extracting(JsonNode::asText).containsExactly("sale-keep");
    assertThat(orch.client.get("/desired-state").header("ETag")).isEqualTo(etag);
    assertThat(orch.apps.app("sale-fresh")).isEmpty();

    Response bad = orch.client.put("/desired-state?dryRun=maybe", "{\"sales\":{}}", etag);
    assertThat(bad.status()).isEqualTo(400);
  }

  @Test
  void planOfAnEmptyFleetIsEmpty() {
    Response r = orch.client.get("/plan");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("ETag")).isNotBlank();
    for (String key : new String[] {"create", "update", "start", "delete", "held", "blocked"}) {
      assertThat(r.json().get(key)).as(key).isEmpty();
    }
  }

  @Test
  void deletionsHeldByTheBrake_areListedPlannedAndReleasedByConfirmation() {
    List<String> ids = List.of("s1", "s2", "s3", "s4", "s5", "s6");
    ids.forEach(id -> orch.client.post("/sales/spawn", "{\"saleId\":\"" + id + "\"}"));
    await().atMost(Duration.ofSeconds(10))
        .until(() -> ids.stream().allMatch(orch::completeAndCheckRunning));
    String etag = orch.client.get("/desired-state").header("ETag");
    assertThat(orch.client.put("/desired-state", "{\"sales\":{}}", etag).status()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(orch.client.get("/deletions").json().get("held")).hasSize(6));
    assertThat(orch.client.get("/plan").json().get("held")).hasSize(6);
    assertThat(orch.apps.count("delete")).as("held, not deleted").isZero();

    Response confirmed = orch.client.post("/deletions/confirm", "");
    assertThat(confirmed.status()).isEqualTo(200);
    assertThat(confirmed.json().get("released")).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("sale-s1", "sale-s2", "sale-s3", "sale-s4", "sale-s5", "sale-s6");
    await().atMost(Duration.ofSeconds(10)).until(() -> orch.apps.count("delete") == 6);
  }
}
