package com.arcal.api.events;

import com.arcal.api.http.ApiException;
import com.arcal.api.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseHandler;
import java.util.Map;

/**
 * {@code GET /events}: a Server-Sent Events stream of status changes. A request that does not
 * accept {@code text/event-stream} gets a 406 problem rather than an empty answer.
 */
public final class EventRoutes implements RouteGroup {
  private final SseHandler sse;

  public EventRoutes(StatusEvents events) {
    this.sse = new SseHandler(0, events::serve);
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/events", this::events);
  }

  private void events(Context ctx) throws Exception {
    String accept = ctx.header("Accept");
    if (accept == null || !accept.contains("text/event-stream")) {
      throw new ApiException(406, "not-acceptable", "Not acceptable",
          "this is a Server-Sent Events stream: send Accept: text/event-stream", "Accept", Map.of());
    }
    sse.handle(ctx);
  }
}
