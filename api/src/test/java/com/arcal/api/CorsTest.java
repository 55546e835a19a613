package com.arcal.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.api.ApiClient.Response;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorsTest {
  private static final String DASHBOARD = "http://localhost:5173";

  @TempDir Path dir;

  private static Response preflight(TestOrchestrator orch) {
    return orch.client.send(orch.client.request("/sales/spawn")
        .header("Origin", DASHBOARD)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization,content-type")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
  }

  @Test
  void configuredOriginsMayCallTheApi() {
    try (TestOrchestrator orch =
        TestOrchestrator.start(dir, Map.of("ARCAL_CORS_ORIGINS", DASHBOARD))) {
      Response pre = preflight(orch);
      assertThat(pre.status()).isEqualTo(200);
      assertThat(pre.header("Access-Control-Allow-Origin")).isEqualTo(DASHBOARD);
      assertThat(pre.header("Access-Control-Allow-Methods")).contains("POST");
      Response get = orch.client.send(orch.client.request("/sales").header("Origin", DASHBOARD).GET());
      assertThat(get.header("Access-Control-Allow-Origin")).isEqualTo(DASHBOARD);
      assertThat(get.header("Access-Control-Expose-Headers")).contains("ETag");
    }
  }

  @Test
  void noOriginIsAllowedByDefault() {
    try (TestOrchestrator orch = TestOrchestrator.start(dir)) {
      Response get = orch.client.send(orch.client.request("/sales").header("Origin", DASHBOARD).GET());
      assertThat(get.status()).isEqualTo(200);
      assertThat(get.header("Access-Control-Allow-Origin")).isNull();
      assertThat(preflight(orch).header("Access-Control-Allow-Origin")).isNull();
    }
  }
}
