package com.arcal.reliability;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates hostile requests from a seed: random methods, known and unknown paths (invalid ids,
 * traversal attempts, encoded and raw unicode, huge segments), random headers, and bodies that are
 * valid, malformed, of the wrong types, deeply nested, or 2 MiB long. Each request says which
 * well-formed mutation, if any, it carries, so a test can keep a model of the desired state.
 */
final class RequestFuzzer {
  private static final List<String> METHODS =
      List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "PROPFIND");
  private static final List<String> ROUTES =
      List.of("/sales", "/sales/spawn", "/sales/{id}", "/desired-state", "/plan", "/deletions",
          "/deletions/confirm", "/healthz", "/readyz", "/metrics", "/openapi.json", "/",
          "/sales/{id}/extra", "/{junk}", "/sales/spawn/{junk}");
  private static final List<String> BAD_IDS =
      List.of("..", "../..", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2f", "Vente-01", "-x", "x-",
          "a--b", "%00", "%ff%fe", "v%C3%A9nte", "%E2%80%AE", "%F0%9F%98%80", "a%20b", "%25",
          "sale;drop", "x".repeat(300), "%2F", "..;", "%c0%ae%c0%ae");
  private static final List<String> CONTENT_TYPES =
      List.of("application/json", "text/plain", "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x", "application/json; charset=latin1", "garbage/");

  /** A generated request and what it would do if the server accepted it. */
  record Generated(HttpRequest request, String method, String path, Mutation mutation) {}

  /** A mutation of {@code saleId} a 2xx answer would mean: spawn, put or delete. */
  record Mutation(String kind, String saleId) {}

  private final SplittableRandom random;
  private final String base;
  private int serial;

  RequestFuzzer(long seed, String base) {
    this.random = new SplittableRandom(seed);
    this.base = base;
  }

  Generated next(String etag) {
    if (random.nextInt(10) == 0) {
      return wellFormed();
    }
    String method = pick(METHODS);
    String route = pick(ROUTES);
    boolean validId = random.nextInt(3) == 0;
    String id = validId ? "fz-" + random.nextInt(40) : pick(BAD_IDS);
    String path = route.replace("{id}", id).replace("{junk}", junk()) + query();
    Body body = body(method, route);
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body.bytes.length == 0 && random.nextBoolean()
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body.bytes));
    if (random.nextInt(4) != 0) {
      b.header("Content-Type", pick(CONTENT_TYPES));
    }
    switch (random.nextInt(6)) {
      case 0 -> b.header("If-Match", etag == null ? "\"x\"" : etag);
      case 1 -> b.header("If-Match", pick(List.of("*", "\"\"", "garbage", "\"0123456789abcdef\"", "W/\"x\"")));
      case 2 -> b.header("Accept", pick(List.of("text/event-stream", "*/*", "application/xml", "é")));
      case 3 -> b.header("X-Fuzz", "v\u00e9nte-" + random.nextInt());
      default -> { }
    }
    Mutation mutation = null;
    if (body.spawnOf != null && method.equals("POST") && route.equals("/sales/spawn")) {
      mutation = new Mutation("spawn", body.spawnOf);
    } else if (method.equals("DELETE") && route.equals("/sales/{id}") && validId) {
      mutation = new Mutation("delete", id);
    } else if (method.equals("PUT") && route.equals("/sales/{id}") && validId) {
      // Whether the body is acceptable is the server's call; if it says 2xx, the sale exists.
      mutation = new Mutation("put", id);
    }
    return new Generated(b.build(), method, path, mutation);
  }

  /** A valid write among the noise, so that the model is exercised, not only the refusals. */
  private Generated wellFormed() {
    String sale = "fz-" + random.nextInt(40);
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/sales/" + sale))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json");
    return switch (random.nextInt(3)) {
      case 0 -> new Generated(
          b.uri(URI.create(base + "/sales/spawn"))
              .POST(HttpRequest.BodyPublishers.ofString("{\"saleId\":\"" + sale + "\"}")).build(),
          "POST", "/sales/spawn", new Mutation("spawn", sale));
      case 1 -> new Generated(
          b.PUT(HttpRequest.BodyPublishers.ofString(
              "{\"config\":{\"lots\":\"" + random.nextInt(100) + "\"}}")).build(),
          "PUT", "/sales/" + sale, new Mutation("put", sale));
      default -> new Generated(b.DELETE().build(), "DELETE", "/sales/" + sale,
          new Mutation("delete", sale));
    };
  }

  private record Body(byte[] bytes, String spawnOf) {}

  private Body body(String method, String route) {
    int kind = random.nextInt(14);
    String sale = "fz-" + random.nextInt(40);
    return switch (kind) {
      case 0 -> new Body(("{\"saleId\":\"" + sale + "\"}").getBytes(StandardCharsets.UTF_8), sale);
      case 1 -> text("{\"saleId\":");
      case 2 -> text("{\"saleId\": 42}");
      case 3 -> text("{\"saleId\":\"" + sale + "\",\"config\":[1,2]}");
      case 4 -> text("{\"saleId\":\"" + sale + "\",\"cpu\":0.5}");
      case 5 -> text("{\"saleId\":\"v\u00e9nte-\uD83D\uDE00\",\"config\":{\"k\":\"\u202e\"}}");
      case 6 -> text("[" .repeat(5000));
      case 7 -> text("{\"a\":".repeat(2000) + "1" + "}".repeat(2000));
      case 8 -> random.nextInt(40) == 0 ? huge() : text("{\"saleId\":\"" + sale + "\",\"x\":1}");
      case 9 -> text("null");
      case 10 -> text("{\"sales\":{\"" + sale + "\":{\"config\":{\"k\":5}}}}");
      case 11 -> text("\u0000\u0001\u00ff");
      case 12 -> new Body(randomBytes(random.nextInt(512)), null);
      default -> text("");
    };
  }

  /** 2 MiB of JSON, above the API's body limit. */
  private Body huge() {
    StringBuilder s = new StringBuilder(2 * 1024 * 1024 + 64).append("{\"saleId\":\"fz-1\",\"config\":{\"k\":\"");
    s.append("a".repeat(2 * 1024 * 1024)).append("\"}}");
    return text(s.toString());
  }

  private Body text(String s) {
    return new Body(s.getBytes(StandardCharsets.UTF_8), null);
  }

  private byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }

  private String junk() {
    return switch (random.nextInt(5)) {
      case 0 -> "..%2f..%2f" + serial++;
      case 1 -> "%E2%98%83" + serial++;
      case 2 -> "a".repeat(random.nextInt(1, 2000));
      case 3 -> ".well-known";
      default -> Integer.toString(random.nextInt());
    };
  }

  private String query() {
    return switch (random.nextInt(8)) {
      case 0 -> "?wait=" + pick(List.of("abc", "-1", "999999999999", "0.5", "", "1e9"));
      case 1 -> "?dryRun=" + pick(List.of("maybe", "true", "1", ""));
      case 2 -> "?" + "q=%25ZZ%00";
      case 3 -> "?a=" + "b".repeat(3000);
      default -> "";
    };
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
