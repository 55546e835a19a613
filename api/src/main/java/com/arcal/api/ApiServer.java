package com.arcal.api;

import com.arcal.api.config.Settings;
import com.arcal.api.capacity.EnvironmentRoutes;
import com.arcal.api.desired.DeletionRoutes;
import com.arcal.api.desired.RolloutRoutes;
import com.arcal.api.desired.DesiredStateRoutes;
import com.arcal.api.events.EventRoutes;
import com.arcal.api.events.StatusEvents;
import com.arcal.api.http.Backend;
import com.arcal.api.http.BearerAuth;
import com.arcal.api.http.Json;
import com.arcal.api.http.JsonBodies;
import com.arcal.api.http.ProblemMapper;
import com.arcal.api.http.RouteGroup;
import com.arcal.api.ops.OpsRoutes;
import com.arcal.api.pool.PoolRoutes;
import com.arcal.api.sales.SaleViews;
import com.arcal.api.sales.SalesRoutes;
import com.arcal.api.web.WebRoutes;
import com.arcal.controller.sale.SaleDefaults;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The REST server: the route groups, the bearer-token check in front of every mutating request,
 * CORS for the configured origins, and the one exception-to-problem mapping. Owns the Javalin
 * server, the event streams and the threads that answer {@code ?wait=} requests.
 */
public final class ApiServer implements AutoCloseable {
  /** A registered route, as Javalin knows it. */
  public record Route(String method, String path) {}

  private final Javalin app;
  private final StatusEvents events;
  private final ExecutorService responses;
  private final List<Route> routes;

  private ApiServer(Javalin app, StatusEvents events, ExecutorService responses, List<Route> routes) {
    this.app = app;
    this.events = events;
    this.responses = responses;
    this.routes = routes;
  }

  /** Starts listening on {@code http.host():http.port()} (port 0 picks a free one). */
  public static ApiServer start(Settings.Http http, Backend backend, SaleDefaults defaults) {
    ObjectMapper json = Json.mapper();
    ExecutorService responses = Executors.newCachedThreadPool(
            new ThreadFactoryBuilder().setDaemon(true).setNameFormat("api-wait-%d").build());
    StatusEvents events =
        new StatusEvents(
            backend.board(), backend.store(),
            new SaleViews(backend.board(), backend.naming(), defaults), json);
    List<RouteGroup> groups =
        List.of(
            new SalesRoutes(backend, defaults, json, responses),
            new DesiredStateRoutes(backend, new JsonBodies(json)),
            new DeletionRoutes(backend),
            new EnvironmentRoutes(backend),
            new RolloutRoutes(backend),
            new PoolRoutes(backend, new JsonBodies(json)),
            new EventRoutes(events),
            new OpsRoutes(backend),
            new WebRoutes());
    List<Route> routes = new CopyOnWriteArrayList<>();
    BearerAuth auth = new BearerAuth(http.apiToken(), http.protectReads());
    ProblemMapper problems = new ProblemMapper(json);
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.jsonMapper(new JavalinJackson(json, false));
              config.http.maxRequestSize = JsonBodies.MAX_BYTES;
              config.http.prefer405over404 = true;
              config.events.handlerAdded(
                  h -> {
                    if (h.getHttpMethod().isHttpMethod()) {
                      routes.add(new Route(h.getHttpMethod().name(), h.getPath()));
                    }
                  });
              cors(config, http.corsOrigins());
              config.routes.before(auth::check);
              groups.forEach(g -> g.register(config.routes));
              problems.register(config.routes);
            });
    try {
      app.start(http.host(), http.port());
    } catch (RuntimeException e) {
      responses.shutdownNow();
      throw e;
    }
    return new ApiServer(app, events, responses, List.copyOf(routes));
  }

  private static void cors(JavalinConfig config, List<String> origins) {
    if (origins.isEmpty()) {
      return;
    }
    config.bundledPlugins.enableCors(
        cors ->
            cors.addRule(
                rule -> {
                  rule.allowHost(
                      origins.get(0), origins.subList(1, origins.size()).toArray(String[]::new));
                  rule.exposeHeader("ETag");
                  rule.exposeHeader("Location");
                }));
  }

  public int port() {
    return app.port();
  }

  /** Every HTTP route registered, in registration order. */
  public List<Route> routes() {
    return routes;
  }

  /** Stops accepting requests; open event streams end, waiting requests are answered or dropped. */
  @Override
  public void close() {
    events.close();
    app.stop();
    responses.shutdownNow();
  }
}
