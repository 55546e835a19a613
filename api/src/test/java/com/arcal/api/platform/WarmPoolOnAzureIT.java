package com.arcal.api.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.api.Orchestrator;
import com.arcal.api.config.Settings;
import com.arcal.controller.pool.PoolNaming;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.status.Phase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warm pool on the azure platform, through the Azure SDK to the emulator: the spawned sale is
 * bound to a pool app. The binding's tags PATCH goes through the port that routes environments,
 * which refused it once (an interface default did), so that every binding on Azure failed while
 * the tests on the Azure fake passed.
 */
class WarmPoolOnAzureIT {
  private static final Duration LONG = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void aSpawnedSaleIsBoundToAPoolApp() throws Exception {
    try (EmulatedEnvironments azure = new EmulatedEnvironments(dir.resolve("emulator"), Duration.ofMillis(300))) {
      Map<String, String> env = azure.azureEnv(EmulatedEnvironments.GROUP);
      env.put("ARCAL_HTTP_PORT", "0");
      env.put("ARCAL_STATE_FILE", dir.resolve("desired-state.json").toString());
      env.put("ARCAL_WARM_POOL_SIZE", "1");
      try (Orchestrator orchestrator = Orchestrator.start(Settings.of(env))) {
        HttpClient http = HttpClient.newHttpClient();
        String base = orchestrator.url();
        await().atMost(LONG).until(() -> json(http, base + "/pool").get("ready").asInt() == 1);

        HttpResponse<String> spawned = http.send(HttpRequest.newBuilder(URI.create(base + "/sales/spawn"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"saleId\":\"vente-01\"}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(spawned.statusCode()).as(spawned.body()).isEqualTo(202);

        SaleId sale = orchestrator.backend().naming().parse("vente-01");
        await().atMost(LONG).until(() -> orchestrator.backend().board().get(sale)
            .map(s -> s.phase() == Phase.RUNNING).orElse(false));
        assertThat(json(http, base + "/sales/vente-01").get("appName").asText())
            .as("the sale runs in the pool's app, not one of its own").startsWith(PoolNaming.PREFIX);
      }
    }
  }

  private static JsonNode json(HttpClient http, String url) throws Exception {
    return new ObjectMapper().readTree(
        http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body());
  }
}
