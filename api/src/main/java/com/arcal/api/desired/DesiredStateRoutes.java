package com.arcal.api.desired;

import com.arcal.api.http.Backend;
import com.arcal.api.http.ETags;
import com.arcal.api.http.JsonBodies;
import com.arcal.api.http.QueryParams;
import com.arcal.api.http.RouteGroup;
import com.arcal.controller.reconcile.FleetPlan;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import com.arcal.controller.store.DesiredStateCodec;
import com.arcal.controller.store.DocumentEntry;
import com.arcal.controller.store.StaleVersionException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The desired-state document as operators edit it: {@code GET/PUT /desired-state} in the very
 * format of the file (one codec, one validation), conditional on its ETag, and the plan of what
 * the controller would do ({@code GET /plan}, {@code PUT ?dryRun=true}).
 */
public final class DesiredStateRoutes implements RouteGroup {
  private final Backend backend;
  private final DesiredStateCodec codec;
  private final JsonBodies bodies;

  public DesiredStateRoutes(Backend backend, JsonBodies bodies) {
    this.backend = backend;
    this.codec = new DesiredStateCodec(backend.naming());
    this.bodies = bodies;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/desired-state", this::get);
    routes.put("/desired-state", this::put);
    routes.get("/plan", this::plan);
  }

  private void get(Context ctx) {
    DesiredState desired = backend.store().snapshot();
    ctx.header("ETag", ETags.format(desired.version()))
        .contentType("application/json")
        .result(codec.encode(desired.asMap().values()));
  }

  private void put(Context ctx) {
    boolean dryRun = QueryParams.flag(ctx, "dryRun");
    String expected = ETags.requiredVersion(ctx, () -> backend.store().snapshot().version());
    SortedMap<SaleId, DocumentEntry> document = codec.decode(bodies.bytes(ctx));
    Map<SaleId, SaleSpec> specs = new TreeMap<>();
    document.forEach((id, entry) -> specs.put(id, entry.spec()));
    if (dryRun) {
      DesiredState current = backend.store().snapshot();
      if (!current.version().equals(expected)) {
        throw new StaleVersionException(expected, current.version());
      }
      ctx.header("ETag", ETags.format(current.version()))
          .json(PlanView.of(backend.planner().plan(proposed(current, specs)), backend.controller().rollout().status()));
      return;
    }
    DesiredState after = backend.store().replace(specs, expected);
    ctx.header("ETag", ETags.format(after.version()))
        .contentType("application/json")
        .result(codec.encode(after.asMap().values()));
  }

  private void plan(Context ctx) {
    DesiredState desired = backend.store().snapshot();
    FleetPlan plan = backend.planner().plan(desired);
    ctx.header("ETag", ETags.format(desired.version())).json(PlanView.of(plan, backend.controller().rollout().status()));
  }

  /**
   * The state a replace would produce, with the store's generation rules: a sale keeps its
   * generation while its spec is unchanged, and goes up by one when it changes.
   */
  private static DesiredState proposed(DesiredState current, Map<SaleId, SaleSpec> specs) {
    SortedMap<SaleId, DesiredSale> sales = new TreeMap<>();
    specs.forEach((id, spec) -> {
      long generation =
          current.sale(id)
              .map(s -> s.spec().equals(spec) ? s.generation() : s.generation() + 1)
              .orElse(1L);
      sales.put(id, new DesiredSale(id, spec, generation));
    });
    return new DesiredState("dry-run", sales);
  }
}
