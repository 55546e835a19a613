package com.arcal.engine.health;

import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;

/**
 * {@code GET /healthz} on the buyers' port, for the platform's startup, readiness and liveness
 * probes: 200 {@code ok} while {@link EngineHealth} says so, else 503 with the reason. Container
 * Apps counts 200-399 as success and anything else, or no answer within the probe's timeout, as
 * a failure.
 */
public final class HealthEndpoint {

  public static final String PATH = "/healthz";

  private HealthEndpoint() {}

  public static Handler handler(EngineHealth health) {
    return ctx -> {
      EngineHealth.Verdict verdict = health.check();
      ctx.status(verdict.healthy() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
          .contentType("text/plain; charset=utf-8")
          .result(verdict.detail() + "\n");
    };
  }
}
