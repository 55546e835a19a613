package com.arcal.bench.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;

/**
 * The reference: a bare Javalin server with the API's JSON mapper and two routes, {@code /const}
 * answering one constant object and {@code /list} serialising the same list on every request.
 */
public final class BareServer implements AutoCloseable {
  private final Javalin app;

  private BareServer(Javalin app) {
    this.app = app;
  }

  public static BareServer start(ObjectMapper json, Object constant, Object list) {
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.jsonMapper(new JavalinJackson(json, false));
              config.routes.get("/const", ctx -> ctx.json(constant));
              config.routes.get("/list", ctx -> ctx.json(list));
            });
    app.start("127.0.0.1", 0);
    return new BareServer(app);
  }

  public String url(String path) {
    return "http://127.0.0.1:" + app.port() + path;
  }

  @Override
  public void close() {
    app.stop();
  }
}
