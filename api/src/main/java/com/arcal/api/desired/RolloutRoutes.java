package com.arcal.api.desired;

import com.arcal.api.http.Backend;
import com.arcal.api.http.RouteGroup;
import com.arcal.controller.reconcile.RolloutGate;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;

/**
 * The rollout of spec changes to Running engines: where it stands, resuming it after a pause,
 * forcing the sales that wait for their buyers, and confirming the restarts the brake holds
 * (the sibling of {@code POST /deletions/confirm}).
 */
public final class RolloutRoutes implements RouteGroup {
  private final Backend backend;

  public RolloutRoutes(Backend backend) {
    this.backend = backend;
  }

  /** Whether a pause was lifted. */
  record Resumed(boolean resumed) {}

  /** Sales updated now although buyers were connected. */
  record Forced(List<String> forced) {}

  /** Sales whose restart waits for confirmation. */
  record Held(List<String> held) {}

  /** Sales whose restart was just released. */
  record Released(List<String> released) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/rollout", this::status);
    routes.post("/rollout/resume", this::resume);
    routes.post("/rollout/force", this::force);
    routes.get("/disruptions", this::held);
    routes.post("/disruptions/confirm", this::confirm);
  }

  private RolloutGate gate() {
    return backend.controller().rollout();
  }

  private void status(Context ctx) {
    ctx.json(gate().status());
  }

  private void resume(Context ctx) {
    ctx.json(new Resumed(gate().resume()));
  }

  /** {@code ?sale=a&sale=b} forces those; without, every sale waiting for its buyers. */
  private void force(Context ctx) {
    ctx.json(new Forced(gate().force(Set.copyOf(ctx.queryParams("sale")))));
  }

  private void held(Context ctx) {
    ctx.json(new Held(gate().status().restartsHeld()));
  }

  private void confirm(Context ctx) {
    ctx.json(new Released(List.copyOf(gate().confirmRestarts())));
  }
}
