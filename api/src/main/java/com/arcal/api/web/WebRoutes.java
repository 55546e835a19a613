package com.arcal.api.web;

import com.arcal.api.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /}: the live status page, one self-contained HTML file (inline CSS and script, no
 * external resource) that reads the fleet from {@code /events}, {@code /sales} and
 * {@code /deletions} and posts sales ({@code POST /sales/spawn}, {@code DELETE /sales/{id}}) like
 * any other client.
 */
public final class WebRoutes implements RouteGroup {
  static final String PAGE_RESOURCE = "/web/index.html";

  private final byte[] page;

  public WebRoutes() {
    this.page = page();
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/", ctx -> ctx.contentType("text/html; charset=utf-8")
        .header("Cache-Control", "no-cache")
        .result(page));
  }

  private static byte[] page() {
    try (InputStream in = WebRoutes.class.getResourceAsStream(PAGE_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(PAGE_RESOURCE + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
