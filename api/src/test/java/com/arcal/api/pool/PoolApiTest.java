package com.arcal.api.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.api.ApiClient;
import com.arcal.api.ApiClient.Response;
import com.arcal.api.TestOrchestrator;
import com.arcal.controller.pool.PoolNaming;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET/PUT/PATCH /pool} on a whole orchestrator with the Azure fake: the size set at start
 * and changed at run time, the pool's apps as the keeper fills it, a spawned sale bound to one of
 * them, the pool in /metrics, and bad sizes refused with a problem.
 */
class PoolApiTest {
  private static final Duration SHORT = Duration.ofSeconds(15);

  @TempDir Path dir;

  private static Response resize(ApiClient api, String method, String body) {
    return api.send(api.request("/pool")
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + TestOrchestrator.TOKEN)
        .method(method, HttpRequest.BodyPublishers.ofString(body)));
  }

  @Test
  void thePoolFills_aSpawnedSaleTakesOne_andItShowsInMetrics() {
    try (TestOrchestrator orch = TestOrchestrator.start(dir, Map.of(
        "ARCAL_WARM_POOL_SIZE", "2", "ARCAL_API_TOKEN", TestOrchestrator.TOKEN))) {
      ApiClient api = orch.client;
      assertThat(api.get("/pool").json().get("size").asInt()).isEqualTo(2);
      await().atMost(SHORT).until(() -> {
        orch.apps.completeAll();
        return api.get("/pool").json().get("ready").asInt() == 2;
      });

      Response spawned = api.send(api.request("/sales/spawn")
          .header("Content-Type", "application/json")
          .header("Authorization", "Bearer " + TestOrchestrator.TOKEN)
          .POST(HttpRequest.BodyPublishers.ofString("{\"saleId\":\"warm-1\"}")));
      assertThat(spawned.status()).isEqualTo(202);
      await().atMost(SHORT).until(() -> orch.completeAndCheckRunning("warm-1"));

      assertThat(api.get("/sales/warm-1").json().get("appName").asText()).startsWith(PoolNaming.PREFIX);
      await().atMost(SHORT).until(() -> {
        orch.apps.completeAll();
        var pool = api.get("/pool").json();
        return pool.get("bound").asInt() == 1 && pool.get("ready").asInt() == 2;
      });
      assertThat(api.get("/pool").json().get("apps").toString()).contains("\"saleId\":\"warm-1\"");
      assertThat(api.get("/plan").json().get("create")).as("the plan sees its pool app").isEmpty();
      assertThat(api.get("/metrics").body())
          .contains("arcal_pool_size 2.0")
          .contains("arcal_pool_apps{state=\"bound\"} 1.0")
          .contains("arcal_pool_apps{state=\"ready\"} 2.0");
    }
  }

  @Test
  void theSizeChangesAtRunTime_andBadSizesAreRefused() {
    try (TestOrchestrator orch = TestOrchestrator.withToken(dir)) {
      ApiClient api = orch.client;
      assertThat(api.get("/pool").json().get("size").asInt()).as("default: no pool").isZero();
      assertThat(orch.apps.count("put pool-")).isZero();

      Response put = resize(api, "PUT", "{\"size\":1}");
      assertThat(put.status()).as(put.body()).isEqualTo(200);
      assertThat(put.json().get("size").asInt()).isEqualTo(1);
      await().atMost(SHORT).until(() -> orch.apps.count("put pool-") == 1);

      assertThat(resize(api, "PATCH", "{\"size\":0}").json().get("size").asInt()).isZero();
      await().atMost(SHORT).until(() -> orch.apps.count("delete pool-") == 1);

      Response negative = resize(api, "PUT", "{\"size\":-1}");
      assertThat(negative.status()).isEqualTo(400);
      assertThat(negative.header("Content-Type")).startsWith("application/problem+json");
      assertThat(negative.json().get("detail").asText()).contains("between 0 and 1000");
      Response missing = resize(api, "PUT", "{}");
      assertThat(missing.status()).isEqualTo(400);
      assertThat(missing.json().get("field").asText()).isEqualTo("size");
      Response anonymous = api.send(api.request("/pool").header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString("{\"size\":3}")));
      assertThat(anonymous.status()).isEqualTo(401);
      assertThat(api.get("/pool").json().get("size").asInt()).isZero();
    }
  }
}
