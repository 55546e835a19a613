package com.arcal.cli.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * A Server-Sent Events reader over java.net.http: lines are parsed as they arrive (event, data,
 * id; comments such as keep-alives skipped; a blank line dispatches). Cancelling the returned
 * future cancels the body subscription, which closes the connection.
 */
final class EventStreams {
  private EventStreams() {}

  static CompletableFuture<Void> open(
      HttpClient http, HttpRequest request, Consumer<SseEvent> onEvent, ObjectMapper json) {
    Parser parser = new Parser(onEvent);
    CompletableFuture<HttpResponse<byte[]>> sent =
        http.sendAsync(request, info -> info.statusCode() == 200
            ? BodySubscribers.mapping(BodySubscribers.fromLineSubscriber(parser), v -> new byte[0])
            : BodySubscribers.ofByteArray());
    CompletableFuture<Void> stream = sent.thenAccept(r -> {
      if (r.statusCode() != 200) {
        throw ApiError.of(new ApiResponse(r.statusCode(), r.body(), r.headers().firstValue("ETag")), json);
      }
    });
    stream.whenComplete((v, e) -> {
      if (stream.isCancelled()) {
        parser.cancel();
        sent.cancel(true);
      }
    });
    return stream;
  }

  /** The SSE line grammar; {@code onEvent} runs on the HTTP client's thread. */
  private static final class Parser implements Flow.Subscriber<String> {
    private final Consumer<SseEvent> onEvent;
    private final StringBuilder data = new StringBuilder();
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;
    private String event = "";
    private String id = "";
    private boolean hasData;

    Parser(Consumer<SseEvent> onEvent) {
      this.onEvent = onEvent;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (cancelled) {
        s.cancel();
      } else {
        s.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(String line) {
      if (line.isEmpty()) {
        dispatch();
        return;
      }
      if (line.startsWith(":")) {
        return;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "event" -> event = value;
        case "data" -> {
          data.append(hasData ? "\n" : "").append(value);
          hasData = true;
        }
        case "id" -> id = value;
        default -> {
          // retry and unknown fields do not concern a reader that does not reconnect
        }
      }
    }

    private void dispatch() {
      if (hasData && !cancelled) {
        onEvent.accept(new SseEvent(event.isEmpty() ? "message" : event, data.toString(), id));
      }
      event = "";
      data.setLength(0);
      hasData = false;
    }

    void cancel() {
      cancelled = true;
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }

    @Override
    public void onError(Throwable throwable) {
      // the response future carries the failure
    }

    @Override
    public void onComplete() {
      // the response future completes
    }
  }
}
