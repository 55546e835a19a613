package com.arcal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsTest {
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
  void streamsTheCurrentSalesThenEachStatusChange() throws Exception {
    orch.client.post("/sales/spawn", "{\"saleId\":\"before\"}");
    HttpResponse<InputStream> response =
        orch.client.http().send(
            orch.client.request("/events").header("Accept", "text/event-stream").timeout(Duration.ofMinutes(1)).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("text/event-stream"));
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          lines.add(line);
        }
      } catch (Exception e) {
        // the stream ends when the server stops
      }
    });
    reader.setDaemon(true);
    reader.start();

    await().atMost(Duration.ofSeconds(10)).until(() ->
        lines.stream().anyMatch(l -> l.startsWith("data:") && l.contains("\"saleId\":\"before\"")));
    orch.client.post("/sales/spawn", "{\"saleId\":\"after\"}");
    await().atMost(Duration.ofSeconds(10)).until(() -> orch.completeAndCheckRunning("after"));
    await().atMost(Duration.ofSeconds(10)).until(() ->
        lines.stream().anyMatch(l -> l.startsWith("data:") && l.contains("\"saleId\":\"after\"")
            && l.contains("\"phase\":\"Running\"")));
    assertThat(lines).contains("event: status");
    assertThat(lines).anyMatch(l -> l.matches("id: \\d+"));

    orch.client.delete("/sales/after");
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      orch.apps.completeAll();
      return lines.stream().anyMatch(l -> l.contains("\"saleId\":\"after\"") && l.contains("\"deleted\":true"));
    });

    orch.close();
    reader.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(reader.isAlive()).as("the stream ends when the server stops").isFalse();
  }

  @Test
  void withoutAnAcceptHeader_streams() throws Exception {
    orch.client.post("/sales/spawn", "{\"saleId\":\"curl\"}");
    // What curl -N and most SSE clients send: no Accept at all (java.net.http adds none either).
    HttpResponse<InputStream> response =
        orch.client.http().send(
            orch.client.request("/events").timeout(Duration.ofMinutes(1)).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
          v -> assertThat(v).startsWith("text/event-stream"));
      String firstData = assertTimeoutPreemptively(Duration.ofSeconds(10),
          () -> in.lines().filter(l -> l.startsWith("data:")).findFirst().orElseThrow());
      assertThat(firstData).contains("\"saleId\":\"curl\"");
    }
  }

  @Test
  void anAcceptThatRulesOutEventStreamIs406() {
    var r = orch.client.send(orch.client.request("/events").header("Accept", "application/json"));
    assertThat(r.status()).isEqualTo(406);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
  }
}
