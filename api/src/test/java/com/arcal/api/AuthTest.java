package com.arcal.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.api.ApiClient.Response;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.arcal.api.ops.OpsRoutes;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With ARCAL_API_TOKEN set, every mutating route needs the bearer token; reads stay open. */
class AuthTest {
  private static final Set<String> MUTATING = Set.of("post", "put", "patch", "delete");

  @TempDir Path dir;
  private TestOrchestrator orch;

  @BeforeEach
  void start() {
    orch = TestOrchestrator.withToken(dir);
  }

  @AfterEach
  void stop() {
    orch.close();
  }

  record Route(String method, String path) {}

  /** Every mutating operation of the OpenAPI description, with {id} filled in. */
  static List<Route> mutatingRoutes() throws Exception {
    JsonNode paths = new ObjectMapper().readTree(OpsRoutes.openApiDocument()).get("paths");
    List<Route> routes = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      path.getValue().fieldNames().forEachRemaining(method -> {
        if (MUTATING.contains(method)) {
          routes.add(new Route(method.toUpperCase(), path.getKey().replace("{id}", "vente-01")));
        }
      });
    }
    return routes;
  }

  private Response call(Route route, String authorization) {
    HttpRequest.Builder b = orch.client.request(route.path())
        .header("Content-Type", "application/json")
        .header("If-Match", "*")
        .method(route.method(), HttpRequest.BodyPublishers.ofString(
            route.path().equals("/desired-state") ? "{\"sales\":{}}" : "{\"saleId\":\"vente-01\"}"));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return orch.client.send(b);
  }

  @Test
  void everyMutatingRouteWithoutOrWithAWrongToken_is401_andChangesNothing() throws Exception {
    orch.client.send(orch.client.request("/sales/spawn")
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + TestOrchestrator.TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString("{\"saleId\":\"vente-01\"}")));
    String version = orch.orchestrator.backend().store().snapshot().version();
    List<Route> routes = mutatingRoutes();
    assertThat(routes).hasSizeGreaterThanOrEqualTo(5);
    for (Route route : routes) {
      for (String auth : new String[] {null, "Bearer wrong-token-0123456789abcdef",
          "Basic " + TestOrchestrator.TOKEN, "Bearer", "bearer " + TestOrchestrator.TOKEN + "x"}) {
        Response r = call(route, auth);
        assertThat(r.status()).as(route + " with " + auth).isEqualTo(401);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(r.body()).doesNotContain(TestOrchestrator.TOKEN);
      }
    }
    assertThat(orch.orchestrator.backend().store().snapshot().version()).isEqualTo(version);
    assertThat(orch.client.get("/sales").json()).hasSize(1);
  }

  @Test
  void unknownPathsNeedTheTokenToo() {
    Response r = orch.client.send(orch.client.request("/whatever").DELETE());
    assertThat(r.status()).isEqualTo(401);
  }

  @Test
  void theRightTokenIsAccepted_caseInsensitiveScheme() {
    Response r = orch.client.send(orch.client.request("/sales/spawn")
        .header("Content-Type", "application/json")
        .header("Authorization", "bearer " + TestOrchestrator.TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString("{\"saleId\":\"vente-02\"}")));
    assertThat(r.status()).isEqualTo(202);
  }

  @Test
  void readsStayOpen() {
    for (String path : List.of("/sales", "/desired-state", "/plan", "/deletions", "/healthz",
        "/readyz", "/metrics", "/openapi.json")) {
      assertThat(orch.client.get(path).status()).as(path).isIn(200, 503);
    }
  }
}
