package com.arcal.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.api.ops.OpsRoutes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /openapi.json describes exactly the routes Javalin has registered. */
class OpenApiCompletenessTest {
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  @TempDir Path dir;

  @Test
  void everyRegisteredRouteIsDescribed_andEveryDescribedRouteExists() throws Exception {
    Set<String> registered = new TreeSet<>();
    try (TestOrchestrator orch = TestOrchestrator.start(dir)) {
      for (ApiServer.Route route : orch.orchestrator.server().routes()) {
        registered.add(route.method().toUpperCase(Locale.ROOT) + " " + route.path());
      }
    }
    Set<String> described = new TreeSet<>();
    JsonNode paths = new ObjectMapper().readTree(OpsRoutes.openApiDocument()).get("paths");
    for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
      String path = it.next();
      paths.get(path).fieldNames().forEachRemaining(method -> {
        if (METHODS.contains(method)) {
          described.add(method.toUpperCase(Locale.ROOT) + " " + path);
        }
      });
    }
    assertThat(registered).hasSizeGreaterThanOrEqualTo(15);
    assertThat(described).isEqualTo(registered);
  }

  @Test
  void mutatingOperationsDeclareBearerAuth() throws Exception {
    JsonNode paths = new ObjectMapper().readTree(OpsRoutes.openApiDocument()).get("paths");
    paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
      if (Set.of("post", "put", "delete", "patch").contains(op.getKey())) {
        assertThat(op.getValue().path("security").toString())
            .as(op.getKey() + " " + path.getKey()).contains("bearerAuth");
        assertThat(op.getValue().path("responses").has("401")).isTrue();
      }
    }));
  }
}
