package com.arcal.api.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.api.ApiClient.Response;
import com.arcal.api.TestOrchestrator;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SalesApiTest {
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

  private Response spawn(String body) {
    return orch.client.post("/sales/spawn", body);
  }

  @Test
  void listIsEmptyAtFirst() {
    Response r = orch.client.get("/sales");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.json().isArray()).isTrue();
    assertThat(r.json()).isEmpty();
  }

  @Test
  void spawn_isRecorded_202_thenIdenticalIs200_andChangedIs202() {
    Response first = spawn("{\"saleId\":\"vente-01\"}");
    assertThat(first.status()).isEqualTo(202);
    assertThat(first.json().get("saleId").asText()).isEqualTo("vente-01");
    assertThat(first.json().get("generation").asLong()).isEqualTo(1);
    assertThat(first.json().get("appName").asText()).isEqualTo("sale-vente-01");
    assertThat(first.json().has("wsUrl")).isTrue();
    assertThat(first.json().get("wsUrl").isNull()).isTrue();
    assertThat(first.header("ETag")).startsWith("\"");
    assertThat(first.header("Location")).isEqualTo("/sales/vente-01");

    Response again = spawn("{\"saleId\":\"vente-01\"}");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
    assertThat(again.json().get("generation").asLong()).isEqualTo(1);

    Response changed = spawn("{\"saleId\":\"vente-01\",\"config\":{\"lots\":\"3\"},\"cpu\":\"1\"}");
    assertThat(changed.status()).isEqualTo(202);
    assertThat(changed.json().get("generation").asLong()).isEqualTo(2);
  }

  @Test
  void listShowsPendingThenRunningWithItsWebSocketUrl() {
    spawn("{\"saleId\":\"vente-01\"}");
    JsonNode pending = orch.client.get("/sales").json().get(0);
    assertThat(pending.get("saleId").asText()).isEqualTo("vente-01");
    assertThat(pending.get("phase").asText()).isIn("Pending", "Provisioning");

    await().atMost(Duration.ofSeconds(10)).until(() -> orch.completeAndCheckRunning("vente-01"));

    JsonNode running = orch.client.get("/sales").json().get(0);
    assertThat(running.get("phase").asText()).isEqualTo("Running");
    assertThat(running.get("wsUrl").asText()).isEqualTo("wss://sale-vente-01.test.local/");
  }

  @Test
  void spawnWithWait_answers200OnceRunning() throws Exception {
    CompletableFuture<Response> waiting =
        orch.client.sendAsync(orch.client.request("/sales/spawn?wait=30")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"saleId\":\"vente-02\"}")));
    await().atMost(Duration.ofSeconds(10)).until(() -> orch.apps.app("sale-vente-02").isPresent());
    await().atMost(Duration.ofSeconds(10)).until(() -> orch.completeAndCheckRunning("vente-02"));

    Response r = waiting.get(10, TimeUnit.SECONDS);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("phase").asText()).isEqualTo("Running");
    assertThat(r.json().get("wsUrl").asText()).isEqualTo("wss://sale-vente-02.test.local/");
  }

  @Test
  void spawnWithWait_answers202WithCurrentStatusWhenTimeIsUp() {
    Response r = orch.client.post("/sales/spawn?wait=1", "{\"saleId\":\"slow\"}");
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().get("phase").asText()).isNotEqualTo("Running");
  }

  @Test
  void getOne_showsSpecGenerationAndFullStatus() {
    spawn("{\"saleId\":\"vente-01\",\"config\":{\"lots\":\"3\"}}");
    await().atMost(Duration.ofSeconds(10)).until(() -> orch.completeAndCheckRunning("vente-01"));

    Response r = orch.client.get("/sales/vente-01");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("ETag")).isNotBlank();
    JsonNode sale = r.json();
    assertThat(sale.get("spec").get("config").get("lots").asText()).isEqualTo("3");
    assertThat(sale.get("spec").get("image").isNull()).isTrue();
    assertThat(sale.get("effectiveSpec").get("image").asText()).isEqualTo("arcal/engine:local");
    assertThat(sale.get("generation").asLong()).isEqualTo(1);
    JsonNode status = sale.get("status");
    assertThat(status.get("phase").asText()).isEqualTo("Running");
    assertThat(status.get("observedGeneration").asLong()).isEqualTo(1);
    assertThat(status.get("wsUrl").asText()).isEqualTo("wss://sale-vente-01.test.local/");
    assertThat(status.get("conditions")).extracting(c -> c.get("type").asText())
        .contains("AppProvisioned", "EngineReachable", "SaleRunning");
    assertThat(status.get("history")).extracting(h -> h.get("action").asText())
        .contains("created", "started");
    assertThat(status.has("lastError")).isTrue();
  }

  @Test
  void getOne_unknownIs404Problem_invalidIdIs400() {
    Response unknown = orch.client.get("/sales/nobody");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
    assertThat(unknown.json().get("status").asInt()).isEqualTo(404);
    assertThat(unknown.json().get("type").asText()).isEqualTo("urn:arcal:problem:unknown-sale");
    assertThat(unknown.json().get("title").asText()).isNotBlank();
    assertThat(unknown.json().get("detail").asText()).contains("nobody");
    assertThat(unknown.json().get("instance").asText()).isEqualTo("/sales/nobody");

    Response invalid = orch.client.get("/sales/NOT_valid");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().get("field").asText()).isEqualTo("saleId");
  }

  @Test
  void put_createsReplacesAndHonoursIfMatch() {
    Response created = orch.client.put("/sales/vente-03", "{\"config\":{\"a\":\"1\"}}", null);
    assertThat(created.status()).isEqualTo(202);
    assertThat(created.json().get("generation").asLong()).isEqualTo(1);
    String etag = created.header("ETag");

    Response same = orch.client.put("/sales/vente-03", "{\"config\":{\"a\":\"1\"}}", etag);
    assertThat(same.status()).isEqualTo(200);
    assertThat(same.header("ETag")).isEqualTo(etag);

    Response replaced = orch.client.put("/sales/vente-03", "{\"config\":{\"a\":\"2\"}}", etag);
    assertThat(replaced.status()).isEqualTo(202);
    assertThat(replaced.json().get("generation").asLong()).isEqualTo(2);

    Response stale = orch.client.put("/sales/vente-03", "{\"config\":{\"a\":\"3\"}}", etag);
    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.header("Content-Type")).startsWith("application/problem+json");
    assertThat(stale.header("ETag")).isEqualTo(replaced.header("ETag"));
    assertThat(orch.client.get("/sales/vente-03").json().get("spec").get("config").get("a").asText())
        .isEqualTo("2");
  }

  @Test
  void delete_is202_unknownIs404_andWaitAnswers200WhenGone() throws Exception {
    spawn("{\"saleId\":\"vente-04\"}");
    await().atMost(Duration.ofSeconds(10)).until(() -> orch.completeAndCheckRunning("vente-04"));

    assertThat(orch.client.delete("/sales/nobody").status()).isEqualTo(404);

    CompletableFuture<Response> waiting =
        orch.client.sendAsync(orch.client.request("/sales/vente-04?wait=30").DELETE());
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      orch.apps.completeAll();
      assertThat(orch.apps.app("sale-vente-04")).isEmpty();
    });
    Response gone = waiting.get(10, TimeUnit.SECONDS);
    assertThat(gone.status()).isEqualTo(200);
    assertThat(gone.json().get("deleted").asBoolean()).isTrue();
    assertThat(orch.client.get("/sales").json()).isEmpty();
  }

  @Test
  void delete_withoutWait_is202Deleting() {
    spawn("{\"saleId\":\"vente-05\"}");
    await().atMost(Duration.ofSeconds(10)).until(() -> orch.completeAndCheckRunning("vente-05"));
    Response r = orch.client.delete("/sales/vente-05");
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().get("phase").asText()).isEqualTo("Deleting");
    assertThat(orch.client.get("/sales").json().get(0).get("generation").isNull()).isTrue();
  }
}
