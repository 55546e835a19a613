package com.arcal.emulator.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes responses, now or after an injected delay. Delays run on a scheduler rather than sleeping
 * in a server thread, so injected latency does not starve the small server pool.
 */
final class ResponseWriter {
  private static final Logger LOG = LoggerFactory.getLogger(ResponseWriter.class);

  private final ScheduledExecutorService delays;

  ResponseWriter(ScheduledExecutorService delays) {
    this.delays = delays;
  }

  void send(
      HttpExchange exchange, ArmResponse response, Map<String, String> extra, Duration after) {
    later(after, exchange, () -> write(exchange, response, extra));
  }

  /**
   * Drops the connection without answering, after {@code stall}: the client sees a reset or a
   * timeout although the server applied the request. Closing an exchange before its headers were
   * sent closes the underlying connection.
   */
  void drop(HttpExchange exchange, Duration stall) {
    later(stall, exchange, exchange::close);
  }

  private void later(Duration delay, HttpExchange exchange, Runnable action) {
    if (delay.isZero()) {
      action.run();
      return;
    }
    try {
      delays.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      exchange.close();
    }
  }

  private static void write(
      HttpExchange exchange, ArmResponse response, Map<String, String> extra) {
    try {
      Headers headers = exchange.getResponseHeaders();
      String requestId = UUID.randomUUID().toString();
      headers.set("x-ms-request-id", requestId);
      headers.set("x-ms-correlation-request-id", requestId);
      headers.set("Cache-Control", "no-cache");
      String clientRequestId = exchange.getRequestHeaders().getFirst("x-ms-client-request-id");
      if (clientRequestId != null) {
        headers.set("x-ms-client-request-id", clientRequestId);
      }
      extra.forEach(headers::set);
      response.headers().forEach(headers::set);
      if (response.body() == null) {
        exchange.sendResponseHeaders(response.status(), -1);
      } else {
        byte[] bytes = Json.bytes(response.body());
        headers.set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (IOException e) {
      LOG.debug("client went away before the response was written", e);
    } finally {
      exchange.close();
    }
  }
}
