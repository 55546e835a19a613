package com.arcal.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.api.ApiClient.Response;
import com.arcal.api.TestOrchestrator;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input is a 4xx problem that says what to fix, and nothing is stored. */
class InputValidationTest {
  @TempDir Path dir;
  private TestOrchestrator orch;
  private String versionBefore;

  @BeforeEach
  void start() {
    orch = TestOrchestrator.start(dir);
    versionBefore = orch.orchestrator.backend().store().snapshot().version();
  }

  @AfterEach
  void stop() {
    orch.close();
  }

  private void assertProblem(Response r, int status, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().get("status").asInt()).isEqualTo(status);
    assertThat(r.json().get("type").asText()).isNotBlank();
    assertThat(r.json().get("title").asText()).isNotBlank();
    assertThat(r.json().get("detail").asText()).isNotBlank();
    assertThat(r.json().get("instance").asText()).startsWith("/");
    if (field != null) {
      assertThat(r.json().get("field").asText()).isEqualTo(field);
    }
    assertThat(orch.orchestrator.backend().store().snapshot().version())
        .as("nothing stored").isEqualTo(versionBefore);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"saleId\":                          | ",
        "not json                              | ",
        "{\"saleId\":\"a\"} trailing           | ",
        "{\"saleId\":\"a\",\"saleId\":\"b\"}   | ",
        "[1,2]                                 | ",
        "null                                  | ",
        "{}                                    | saleId",
        "{\"saleId\":\"a\",\"colour\":\"red\"} | colour",
        "{\"saleId\":42}                       | saleId",
        "{\"saleId\":\"a\",\"cpu\":1}          | cpu",
        "{\"saleId\":\"a\",\"config\":[\"x\"]} | config",
        "{\"saleId\":\"a\",\"config\":{\"k\":1}} | config.k",
        "{\"saleId\":\"Vente_01\"}             | saleId",
        "{\"saleId\":\"../etc/passwd\"}        | saleId",
        "{\"saleId\":\"a\",\"cpu\":\"lots\"}   | cpu",
        "{\"saleId\":\"a\",\"memory\":\"1GB\"} | memory",
        "{\"saleId\":\"vente-ü\"}              | saleId",
      })
  void spawnRefusesBadBodiesWith400(String body, String field) {
    assertProblem(orch.client.post("/sales/spawn", body.strip()), 400, field);
  }

  @Test
  void saleIdTooLongForAnAppNameIs400() {
    String id = "a".repeat(40);
    assertProblem(orch.client.post("/sales/spawn", "{\"saleId\":\"" + id + "\"}"), 400, "saleId");
  }

  @Test
  void bodyOverOneMebibyteIs413() {
    char[] filler = new char[JsonBodies.MAX_BYTES];
    Arrays.fill(filler, 'x');
    String body = "{\"saleId\":\"a\",\"image\":\"" + new String(filler) + "\"}";
    assertProblem(orch.client.post("/sales/spawn", body), 413, null);
  }

  @Test
  void chunkedBodyOverOneMebibyteIs413() {
    byte[] big = new byte[JsonBodies.MAX_BYTES + 10];
    Arrays.fill(big, (byte) ' ');
    Response r = orch.client.send(orch.client.request("/sales/spawn")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))));
    assertProblem(r, 413, null);
  }

  @Test
  void wrongOrMissingContentTypeIs415() {
    assertProblem(orch.client.send(orch.client.request("/sales/spawn")
        .header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("{\"saleId\":\"a\"}"))), 415, "Content-Type");
    assertProblem(orch.client.send(orch.client.request("/sales/spawn")
        .POST(HttpRequest.BodyPublishers.ofString("{\"saleId\":\"a\"}"))), 415, "Content-Type");
  }

  @Test
  void emptyBodyIs400() {
    assertProblem(orch.client.post("/sales/spawn", ""), 400, null);
  }

  @Test
  void badWaitIs400AndNothingStored() {
    assertProblem(orch.client.post("/sales/spawn?wait=soon", "{\"saleId\":\"a\"}"), 400, "wait");
    assertProblem(orch.client.post("/sales/spawn?wait=-1", "{\"saleId\":\"a\"}"), 400, "wait");
  }

  @Test
  void putWithBadSpecIs400() {
    assertProblem(orch.client.put("/sales/a", "{\"cpu\":\"many\"}", null), 400, "cpu");
    assertProblem(orch.client.put("/sales/a", "{\"saleId\":\"a\"}", null), 400, "saleId");
    assertProblem(orch.client.put("/sales/BAD", "{}", null), 400, "saleId");
    assertProblem(orch.client.put("/sales/a", "{}", "\"\""), 400, "If-Match");
  }

  @Test
  void unknownRouteIs404Problem_wrongMethodIs405Problem() {
    assertProblem(orch.client.get("/nothing/here"), 404, null);
    Response r = orch.client.send(orch.client.request("/sales")
        .method("PATCH", HttpRequest.BodyPublishers.noBody()));
    assertProblem(r, 405, null);
    assertThat(r.header("Allow")).contains("GET");
  }

  @Test
  void deeplyNestedJsonIs400() {
    String body = "{\"saleId\":\"a\",\"config\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    assertProblem(orch.client.post("/sales/spawn", body), 400, null);
  }
}
