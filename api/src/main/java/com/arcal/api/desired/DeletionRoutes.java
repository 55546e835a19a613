package com.arcal.api.desired;

import com.arcal.api.http.Backend;
import com.arcal.api.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * The blast-radius brake's held deletions: listed, and released only by an explicit
 * confirmation.
 */
public final class DeletionRoutes implements RouteGroup {
  private final Backend backend;

  public DeletionRoutes(Backend backend) {
    this.backend = backend;
  }

  /** Apps whose deletion waits for confirmation. */
  record Held(List<String> held) {}

  /** Apps whose deletion was just released. */
  record Released(List<String> released) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/deletions", this::held);
    routes.post("/deletions/confirm", this::confirm);
  }

  private void held(Context ctx) {
    ctx.json(new Held(List.copyOf(backend.controller().deletions().held())));
  }

  private void confirm(Context ctx) {
    ctx.json(new Released(List.copyOf(backend.controller().deletions().confirm())));
  }
}
