package com.arcal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.api.ApiClient.Response;
import com.arcal.api.config.Settings;
import com.arcal.api.platform.Platform;
import com.arcal.controller.azure.ArmException;
import com.arcal.controller.endpoint.BuyerUrls;
import com.arcal.controller.endpoint.EngineEndpoints;
import com.arcal.controller.fake.FakeContainerApps;
import com.arcal.controller.fake.FakeEngines;
import com.arcal.controller.heal.HealGate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpsTest {
  @TempDir Path dir;

  @Test
  void healthAndReadiness() {
    try (TestOrchestrator orch = TestOrchestrator.start(dir)) {
      Response health = orch.client.get("/healthz");
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().get("status").asText()).isEqualTo("ok");
      Response ready = orch.client.get("/readyz");
      assertThat(ready.status()).isEqualTo(200);
      assertThat(ready.json().get("status").asText()).isEqualTo("ready");
    }
  }

  @Test
  void notReadyWhileTheDesiredStateFileIsBroken_503WithTheReason() throws Exception {
    try (TestOrchestrator orch = TestOrchestrator.start(dir)) {
      Files.writeString(orch.stateFile, "{\"sales\": {\"a\": ");
      await().atMost(Duration.ofSeconds(10)).until(() -> orch.client.get("/readyz").status() == 503);
      Response r = orch.client.get("/readyz");
      assertThat(r.json().get("reasons").get(0).asText()).startsWith("desired state:");
      Response write = orch.client.post("/sales/spawn", "{\"saleId\":\"x\"}");
      assertThat(write.status()).isEqualTo(503);
      assertThat(write.header("Content-Type")).startsWith("application/problem+json");

      Files.writeString(orch.stateFile, "{\"sales\": {}}\n");
      await().atMost(Duration.ofSeconds(10)).until(() -> orch.client.get("/readyz").status() == 200);
    }
  }

  @Test
  void notReadyWhileThePlatformDoesNotAnswer() {
    FakeContainerApps apps = new FakeContainerApps();
    apps.outage(ArmException.fromResponse("ARM is down", 503, "ServiceUnavailable", null, null));
    try (Orchestrator orch = Orchestrator.start(
        Settings.of(Map.of("ARCAL_HTTP_PORT", "0",
            "ARCAL_STATE_FILE", dir.resolve("s.json").toString(),
            "ARCAL_RESYNC_SECONDS", "1")),
        (s, arm, clock) -> new Platform(apps, new FakeEngines(), new EngineEndpoints(BuyerUrls.ingress()), () -> {}, "f"),
        Clock.systemUTC())) {
      ApiClient client = new ApiClient(orch.url());
      Response r = client.get("/readyz");
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.json().get("reasons").get(0).asText()).contains("platform:").contains("ARM is down");
      // The next resync after the outage lists again and succeeds.
      apps.endOutage();
      await().atMost(Duration.ofSeconds(10)).until(() -> client.get("/readyz").status() == 200);
    }
  }

  @Test
  void aPartition_isReportedByReadyzAndMetrics_withoutMakingTheOrchestratorUnready() {
    try (Orchestrator orch = Orchestrator.start(
        Settings.of(Map.of("ARCAL_HTTP_PORT", "0", "ARCAL_STATE_FILE", dir.resolve("s.json").toString())),
        (s, arm, clock) -> new Platform(new FakeContainerApps(), new FakeEngines(),
            new EngineEndpoints(BuyerUrls.ingress()), () -> {}, "f"),
        Clock.systemUTC())) {
      ApiClient client = new ApiClient(orch.url());
      HealGate heal = orch.backend().controller().heal();
      List<String> apps = IntStream.range(0, 5).mapToObj(i -> "sale-" + i).toList();
      apps.forEach(heal::reached);
      assertThat(client.get("/readyz").json().has("partition")).isFalse();

      apps.forEach(a -> heal.unreachable(a, a + "--1"));

      Response r = client.get("/readyz");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().get("partition").get("unreachableEngines").asInt()).isEqualTo(5);
      assertThat(r.json().get("partition").get("message").asText()).contains("destructive heals suspended");
      assertThat(client.get("/metrics").body()).contains("arcal_partition 1.0").contains("arcal_engines_unreachable 5.0");

      apps.forEach(heal::reached);
      assertThat(client.get("/readyz").json().has("partition")).isFalse();
      assertThat(client.get("/metrics").body()).contains("arcal_partition 0.0");
    }
  }

  @Test
  void metricsArePrometheusText() {
    try (TestOrchestrator orch = TestOrchestrator.start(dir)) {
      orch.client.post("/sales/spawn", "{\"saleId\":\"m\"}");
      await().atMost(Duration.ofSeconds(10)).until(() -> orch.completeAndCheckRunning("m"));
      Response r = orch.client.get("/metrics");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("Content-Type")).startsWith("text/plain");
      assertThat(r.body())
          .contains("controller_runtime_reconcile_total")
          .contains("workqueue_depth")
          .contains("arcal_sales{phase=\"Running\"} 1.0")
          .contains("arcal_health_watches 1.0")
          .contains("arcal_health_watches_limit 4000.0");
    }
  }

  @Test
  void openApiIsServed() {
    try (TestOrchestrator orch = TestOrchestrator.start(dir)) {
      Response r = orch.client.get("/openapi.json");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().get("openapi").asText()).startsWith("3.");
    }
  }
}
