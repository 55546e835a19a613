package com.arcal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With ARCAL_PROTECT_READS, reads need the token too, as in the Bicep deployment whose ingress is
 * public; the probes' routes, the status page and the API description stay open.
 */
class ProtectedReadsTest {
  private static final List<String> PROTECTED =
      List.of("/sales", "/sales/vente-01", "/desired-state", "/plan", "/deletions", "/metrics");

  @TempDir Path dir;
  private TestOrchestrator orch;

  @BeforeEach
  void start() {
    orch =
        TestOrchestrator.start(
            dir, Map.of("ARCAL_API_TOKEN", TestOrchestrator.TOKEN, "ARCAL_PROTECT_READS", "true"));
  }

  @AfterEach
  void stop() {
    orch.close();
  }

  @Test
  void readsWithoutTheToken_are401() throws Exception {
    for (String path : PROTECTED) {
      ApiClient.Response r = orch.client.get(path);
      assertThat(r.status()).as(path).isEqualTo(401);
      assertThat(r.header("WWW-Authenticate")).as(path).startsWith("Bearer");
    }
    assertThat(events(null).statusCode()).as("/events").isEqualTo(401);
  }

  @Test
  void readsWithTheToken_areAnswered() throws Exception {
    orch.client.send(
        orch.client.request("/sales/spawn")
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + TestOrchestrator.TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString("{\"saleId\":\"vente-01\"}")));
    for (String path : PROTECTED) {
      ApiClient.Response r =
          orch.client.send(
              orch.client.request(path)
                  .header("Authorization", "Bearer " + TestOrchestrator.TOKEN));
      assertThat(r.status()).as(path).isEqualTo(200);
    }
    HttpResponse<InputStream> stream = events("Bearer " + TestOrchestrator.TOKEN);
    assertThat(stream.statusCode()).as("/events").isEqualTo(200);
    stream.body().close();
  }

  @Test
  void probesThePageAndTheApiDescription_stayOpen() {
    for (String path : List.of("/healthz", "/readyz", "/", "/openapi.json")) {
      assertThat(orch.client.get(path).status()).as(path).isIn(200, 503);
    }
  }

  private HttpResponse<InputStream> events(String authorization) throws Exception {
    HttpRequest.Builder request =
        orch.client.request("/events")
            .header("Accept", "text/event-stream")
            .timeout(Duration.ofMinutes(1));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return orch.client.http().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
  }
}
