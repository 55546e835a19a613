package com.arcal.api.ops;

import com.arcal.api.http.Backend;
import com.arcal.api.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What operators and their tools read: liveness, readiness (the desired state is in force and
 * the platform answered the last LIST), Prometheus metrics, and the OpenAPI description.
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
    if (reasons.isEmpty()) {
      ctx.json(Map.of("status", "ready", "role", role));
    } else {
      ctx.status(503).json(Map.of("status", "not ready", "role", role, "reasons", reasons));
    }
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
