package com.arcal.api.sales;

import com.arcal.api.http.ApiException;
import com.arcal.api.http.Backend;
import com.arcal.api.http.ETags;
import com.arcal.api.http.JsonBodies;
import com.arcal.api.http.QueryParams;
import com.arcal.api.http.RouteGroup;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.sale.SaleDefaults;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.SaleStatus;
import com.arcal.controller.store.DesiredStateStore;
import com.arcal.controller.store.UnknownSaleException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * The sales: the seed API ({@code GET /sales}, {@code POST /sales/spawn},
 * {@code DELETE /sales/{id}}) and the resource-style {@code GET/PUT /sales/{id}}. Writes only
 * change the desired state; the controller does the rest, and {@code ?wait=} lets a caller
 * wait for it.
 */
public final class SalesRoutes implements RouteGroup {
  private final Backend backend;
  private final DesiredStateStore store;
  private final SaleViews views;
  private final JsonBodies bodies;
  private final ObjectMapper json;
  /** Key of the list view in the cache (sale ids key the detail views). */
  private static final Object LIST = new Object();

  private final ViewCache cache;
  private final StatusWaiter waiter;

  public SalesRoutes(Backend backend, SaleDefaults defaults, ObjectMapper json, Executor responses) {
    this.backend = backend;
    this.store = backend.store();
    this.views = new SaleViews(backend.board(), backend.naming(), defaults);
    this.bodies = new JsonBodies(json);
    this.json = json;
    this.cache = new ViewCache(backend.board(), store);
    this.waiter = new StatusWaiter(backend.board(), responses);
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/sales", this::list);
    routes.post("/sales/spawn", this::spawn);
    routes.get("/sales/{id}", this::get);
    routes.put("/sales/{id}", this::put);
    routes.delete("/sales/{id}", this::delete);
  }

  private void list(Context ctx) {
    ctx.contentType("application/json").result(cache.get(LIST, d -> serialise(views.list(d))).body());
  }

  private void spawn(Context ctx) {
    SpawnRequest body = bodies.read(ctx, SpawnRequest.class);
    if (body.saleId() == null) {
      throw ApiException.badRequest("saleId", "saleId is required, e.g. {\"saleId\": \"vente-01\"}");
    }
    SaleId id = backend.naming().parse(body.saleId());
    SaleSpec spec = new SaleSpec(body.image(), body.config(), body.cpu(), body.memory());
    Duration wait = QueryParams.waitFor(ctx);
    DesiredStateStore.Written written = store.put(id, spec, Optional.empty());
    DesiredState after = written.state();
    long generation = after.sale(id).map(DesiredSale::generation).orElse(0L);
    ctx.header("ETag", ETags.format(after.version())).header("Location", "/sales/" + id.value());
    int status = written.changed() ? 202 : 200;
    Predicate<Optional<SaleStatus>> running = s -> isRunning(s, generation);
    if (wait.isZero()) {
      ctx.status(status).json(views.summary(id, after));
      return;
    }
    ctx.future(() -> waiter.await(id, running, wait).thenRun(() -> {
      boolean reached = running.test(backend.board().get(id));
      ctx.status(reached ? 200 : 202).json(views.summary(id, store.snapshot()));
    }));
  }

  private void get(Context ctx) {
    SaleId id = saleId(ctx);
    ViewCache.View view = cache.get(id, d -> serialise(views.detail(id, d)));
    ctx.header("ETag", ETags.format(view.version()))
        .contentType("application/json")
        .result(view.body());
  }

  private void put(Context ctx) {
    SaleId id = saleId(ctx);
    SpecRequest body = bodies.read(ctx, SpecRequest.class);
    SaleSpec spec = new SaleSpec(body.image(), body.config(), body.cpu(), body.memory());
    Optional<String> expected = ETags.expectedVersion(ctx, () -> store.snapshot().version());
    DesiredStateStore.Written written = store.put(id, spec, expected);
    ctx.header("ETag", ETags.format(written.state().version()))
        .status(written.changed() ? 202 : 200)
        .json(views.detail(id, written.state()));
  }

  private void delete(Context ctx) {
    SaleId id = saleId(ctx);
    Duration wait = QueryParams.waitFor(ctx);
    Optional<String> expected = ETags.expectedVersion(ctx, () -> store.snapshot().version());
    DesiredState after;
    try {
      after = store.delete(id, expected);
    } catch (UnknownSaleException e) {
      // Deleted already and still being torn down: the same answer as the first DELETE.
      if (backend.board().get(id).isEmpty()) {
        throw e;
      }
      after = store.snapshot();
    }
    ctx.header("ETag", ETags.format(after.version()));
    Predicate<Optional<SaleStatus>> gone = Optional::isEmpty;
    if (wait.isZero()) {
      answerDeletion(ctx, id, gone);
      return;
    }
    ctx.future(() -> waiter.await(id, gone, wait).thenRun(() -> answerDeletion(ctx, id, gone)));
  }

  private void answerDeletion(Context ctx, SaleId id, Predicate<Optional<SaleStatus>> gone) {
    if (gone.test(backend.board().get(id)) && store.snapshot().sale(id).isEmpty()) {
      ctx.status(200).json(new Deleted(id.value(), true));
      return;
    }
    SaleSummary now = views.summary(id, store.snapshot());
    ctx.status(202).json(
        new SaleSummary(now.saleId(), Phase.DELETING.display(), null, now.generation(), now.appName()));
  }

  /** The answer once a sale is gone from the desired state and from the platform. */
  record Deleted(String saleId, boolean deleted) {}

  private SaleId saleId(Context ctx) {
    return backend.naming().parse(ctx.pathParam("id"));
  }

  private static boolean isRunning(Optional<SaleStatus> status, long generation) {
    return status.map(s -> s.phase() == Phase.RUNNING && s.observedGeneration() >= generation)
        .orElse(false);
  }

  private byte[] serialise(Object value) {
    try {
      return json.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
