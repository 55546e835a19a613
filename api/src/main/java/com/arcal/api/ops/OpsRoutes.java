package com.arcal.api.ops;

import com.arcal.api.http.Backend;
import com.arcal.api.http.RouteGroup;
import com.arcal.controller.heal.HealGate;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What operators and their tools read: liveness, readiness (the desired state is in force and
 * the platform answered the last LIST; a partition from the engines is reported beside), Prometheus
 * metrics, and the OpenAPI description.
 */
public final class OpsRoutes implements RouteGroup {
  static final String OPENAPI_RESOURCE = "/openapi.json";
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Backend backend;
  private final byte[] openApi;

  public OpsRoutes(Backend backend) {
    this.backend = backend;
    this.openApi = openApiDocument();
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
    routes.get("/readyz", this::ready);
    routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(backend.metrics().scrape()));
    routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
  }

  private void ready(Context ctx) {
    List<String> reasons = new ArrayList<>();
    backend.store().problem().ifPresent(p -> reasons.add("desired state: " + p.message()));
    backend.controller().resync().platformProblem().ifPresent(p -> reasons.add("platform: " + p));
    // A follower is ready: it serves the API while the leader reconciles.
    String role = backend.role();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", reasons.isEmpty() ? "ready" : "not ready");
    body.put("role", role);
    if (!reasons.isEmpty()) {
      body.put("reasons", reasons);
    }
    partition().ifPresent(p -> body.put("partition", p));
    ctx.status(reasons.isEmpty() ? 200 : 503).json(body);
  }

  /**
   * The orchestrator cannot reach its engines while ARM says they are healthy. Reported, but not
   * a reason to be unready: the API still serves, and taking this replica out of traffic would
   * only hide the sales' last known state.
   */
  private Optional<Map<String, Object>> partition() {
    HealGate heal = backend.controller().heal();
    return heal.partitionedSince().map(since -> Map.of(
        "since", since.toString(),
        "unreachableEngines", heal.unreachableEngines(),
        "knownEngines", heal.knownEngines(),
        "message", "the orchestrator cannot reach " + heal.unreachableEngines() + " of "
            + heal.knownEngines() + " engines while ARM says they are healthy;"
            + " destructive heals suspended"));
  }

  /** The hand-written description; a test checks it lists exactly the registered routes. */
  public static byte[] openApiDocument() {
    try (InputStream in = OpsRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
