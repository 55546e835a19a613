package com.arcal.api.events;

import com.arcal.api.http.ApiException;
import com.arcal.api.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * {@code GET /events}: a Server-Sent Events stream of status changes. A request whose {@code
 * Accept} rules out {@code text/event-stream} gets a 406 problem rather than an answer it cannot
 * read; no {@code Accept} at all, as most clients send it, gets the stream.
 */
public final class EventRoutes implements RouteGroup {
  private final StatusEvents events;

  public EventRoutes(StatusEvents events) {
    this.events = events;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/events", this::events);
  }

  private void events(Context ctx) throws IOException {
    if (!EventStreamAccept.allows(ctx.header("Accept"))) {
      throw new ApiException(406, "not-acceptable", "Not acceptable",
          "this is a Server-Sent Events stream: accept text/event-stream (or send no Accept)",
          "Accept", Map.of());
    }
    stream(ctx);
  }

  /**
   * What Javalin's {@code SseHandler} does, minus its test: it streams only when {@code Accept}
   * names {@code text/event-stream} and answers an empty 200 to {@code *}{@code /*} or no header.
   */
  private void stream(Context ctx) throws IOException {
    HttpServletResponse res = ctx.res();
    res.setStatus(200);
    res.setCharacterEncoding("UTF-8");
    res.setContentType("text/event-stream");
    res.addHeader("Connection", "close");
    res.addHeader("Cache-Control", "no-cache");
    res.addHeader("X-Accel-Buffering", "no"); // proxies such as nginx must not buffer the stream
    res.flushBuffer();
    ctx.async(config -> config.timeout = 0, () -> events.serve(new SseClient(ctx)));
  }
}
