package com.arcal.cli.api;

import com.arcal.cli.CliException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The orchestrator's REST API as arcalctl uses it. Answers stay JSON trees: the CLI shows what
 * the API says and tolerates fields it does not know. Every non-2xx answer becomes an
 * {@link ApiError}; an unreachable server a {@link CliException} that names the address.
 */
public final class ArcalClient {
  /** How long an ordinary request may take; requests that wait on the server add their wait. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final String JSON = "application/json";

  private final Endpoint endpoint;
  private final HttpClient http;
  private final ObjectMapper json;

  public ArcalClient(Endpoint endpoint, ObjectMapper json) {
    this.endpoint = endpoint;
    this.json = json;
    // HTTP/1.1: an h2c upgrade attempt buys nothing on loopback and confuses event streams.
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  public JsonNode sales() {
    return tree(send(get("/sales")));
  }

  public JsonNode sale(String id) {
    return tree(send(get("/sales/" + segment(id))));
  }

  /** The sale's detail, or an {@link ApiError} in the future; for fetching many at once. */
  public CompletableFuture<JsonNode> saleAsync(String id) {
    return http.sendAsync(get("/sales/" + segment(id)).build(), HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(ArcalClient::response)
        .thenApply(r -> tree(check(r)));
  }

  /** {@code POST /sales/spawn}; the answer's status tells recorded (202) from unchanged or Running (200). */
  public ApiResponse spawn(JsonNode body, Duration wait) {
    return send(request("/sales/spawn" + waitQuery(wait), wait)
        .header("Content-Type", JSON)
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body))));
  }

  /** {@code DELETE /sales/{id}}; 200 once gone, 202 while being deleted. */
  public ApiResponse delete(String id, Duration wait) {
    return send(request("/sales/" + segment(id) + waitQuery(wait), wait).DELETE());
  }

  /** The desired-state document exactly as the server holds it, with its ETag. */
  public Document desiredState() {
    ApiResponse r = send(get("/desired-state"));
    return new Document(r.body(), r.etag().orElseThrow(
        () -> new CliException("GET /desired-state answered without an ETag")));
  }

  /** What the controller would do with {@code document}, without writing it. */
  public JsonNode plan(byte[] document, String etag) {
    return tree(send(put("/desired-state?dryRun=true", document, etag)));
  }

  /** Replaces the desired state if it is still at version {@code etag}. */
  public Document replace(byte[] document, String etag) {
    ApiResponse r = send(put("/desired-state", document, etag));
    return new Document(r.body(), r.etag().orElse(etag));
  }

  /** {@code GET /environments}: the environments sales are placed on, with their cores. */
  public JsonNode environments() {
    return tree(send(get("/environments")));
  }

  /** The warm pool ({@code GET /pool}). */
  public JsonNode pool() {
    return tree(send(get("/pool")));
  }

  public JsonNode heldDeletions() {
    return tree(send(get("/deletions")));
  }

  public JsonNode confirmDeletions() {
    return tree(send(request("/deletions/confirm", Duration.ZERO)
        .POST(HttpRequest.BodyPublishers.noBody())));
  }

  /** Where the rollout of spec changes stands ({@code GET /rollout}). */
  public JsonNode rollout() {
    return tree(send(get("/rollout")));
  }

  public JsonNode resumeRollout() {
    return post("/rollout/resume");
  }

  /** Forces the updates that wait for buyers: of {@code sales}, or all when it is empty. */
  public JsonNode forceRollout(List<String> sales) {
    StringBuilder query = new StringBuilder();
    for (String sale : sales) {
      query.append(query.length() == 0 ? "?" : "&").append("sale=")
          .append(URLEncoder.encode(sale, StandardCharsets.UTF_8));
    }
    return post("/rollout/force" + query);
  }

  public JsonNode confirmRestarts() {
    return post("/disruptions/confirm");
  }

  private JsonNode post(String path) {
    return tree(send(request(path, Duration.ZERO).POST(HttpRequest.BodyPublishers.noBody())));
  }

  /**
   * Opens {@code GET /events}: {@code onEvent} runs for each event on an HTTP thread. The future
   * completes when the server ends the stream; cancelling it closes the stream.
   */
  public CompletableFuture<Void> events(Consumer<SseEvent> onEvent) {
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/events"))
        .header("Accept", "text/event-stream")
        .GET();
    // Reads may be protected too (ARCAL_PROTECT_READS).
    endpoint.token().ifPresent(t -> request.header("Authorization", "Bearer " + t));
    return EventStreams.open(http, request.build(), onEvent, json);
  }

  private HttpRequest.Builder get(String path) {
    return request(path, Duration.ZERO).GET();
  }

  private HttpRequest.Builder put(String path, byte[] document, String etag) {
    return request(path, Duration.ZERO)
        .header("Content-Type", JSON)
        .header("If-Match", etag)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(document));
  }

  private HttpRequest.Builder request(String path, Duration wait) {
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.resolve(path))
        .timeout(REQUEST_TIMEOUT.plus(wait))
        .header("Accept", JSON + ", application/problem+json");
    endpoint.token().ifPresent(t -> b.header("Authorization", "Bearer " + t));
    return b;
  }

  private ApiResponse send(HttpRequest.Builder request) {
    try {
      return check(response(http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted", e);
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  private ApiResponse check(ApiResponse response) {
    if (!response.ok()) {
      throw ApiError.of(response, json);
    }
    return response;
  }

  private static ApiResponse response(HttpResponse<byte[]> r) {
    return new ApiResponse(r.statusCode(), r.body(), r.headers().firstValue("ETag"));
  }

  /** Turns a transport failure into words; unwraps the async variants. */
  public CliException unreachable(Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof CliException cli) {
      return cli;
    }
    String why;
    if (cause instanceof HttpConnectTimeoutException) {
      why = "connection timed out";
    } else if (cause instanceof HttpTimeoutException) {
      why = "no answer in time";
    } else if (cause instanceof ConnectException) {
      why = "connection refused";
    } else {
      why = cause.toString();
    }
    return new CliException("cannot reach the orchestrator at " + endpoint.base() + ": " + why
        + " (set --server or $" + Endpoint.URL_VARIABLE + ")", cause);
  }

  private JsonNode tree(ApiResponse response) {
    try {
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new CliException("the server answered with something that is not JSON: " + e.getMessage(), e);
    }
  }

  private byte[] bytes(JsonNode node) {
    try {
      return json.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  private static String waitQuery(Duration wait) {
    return wait.isZero() ? "" : "?wait=" + Math.max(1, wait.toSeconds());
  }

  /** One path segment, percent-encoded (a sale id the server will judge). */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
