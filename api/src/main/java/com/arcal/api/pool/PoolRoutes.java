package com.arcal.api.pool;

import com.arcal.api.http.ApiException;
import com.arcal.api.http.Backend;
import com.arcal.api.http.JsonBodies;
import com.arcal.api.http.RouteGroup;
import com.arcal.controller.pool.WarmPool;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * The warm pool: {@code GET /pool} shows its size and apps; {@code PUT} or {@code PATCH /pool}
 * with {@code {"size": n}} changes how many idle engines it keeps (a write: the API token when
 * one is set). The keeper creates or deletes one app per tick to match; a size set here lasts
 * until the process restarts ({@code ARCAL_WARM_POOL_SIZE} sets it at start).
 */
public final class PoolRoutes implements RouteGroup {
  private final Backend backend;
  private final JsonBodies bodies;

  public PoolRoutes(Backend backend, JsonBodies bodies) {
    this.backend = backend;
    this.bodies = bodies;
  }

  /** Body of a resize. */
  record Resize(Integer size) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/pool", this::get);
    routes.put("/pool", this::resize);
    routes.patch("/pool", this::resize);
  }

  private WarmPool pool() {
    return backend.controller().pool();
  }

  private void get(Context ctx) {
    ctx.json(pool().view());
  }

  private void resize(Context ctx) {
    Resize body = bodies.read(ctx, Resize.class);
    if (body.size() == null) {
      throw ApiException.badRequest("size", "size is required, e.g. {\"size\": 10}");
    }
    pool().resize(body.size());
    ctx.json(pool().view());
  }
}
