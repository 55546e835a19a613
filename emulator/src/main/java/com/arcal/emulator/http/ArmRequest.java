package com.arcal.emulator.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request as the ARM layer sees it.
 *
 * @param method upper-case HTTP method
 * @param segments the decoded, non-empty path segments
 * @param query decoded query parameters (keys as sent; the first value of a repeated key wins)
 * @param headers header names in lower case, first value each
 * @param body the raw body, empty if none
 * @param baseUrl scheme, host and port the client used ({@code https://127.0.0.1:8443}); absolute
 *     URLs the emulator hands out start with it, so they work whatever address the client used
 */
public record ArmRequest(
    String method,
    List<String> segments,
    Map<String, String> query,
    Map<String, String> headers,
    byte[] body,
    String baseUrl) {

  public ArmRequest {
    Objects.requireNonNull(method, "method");
    segments = List.copyOf(segments);
    query = Map.copyOf(query);
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(baseUrl, "baseUrl");
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  /** A query parameter, its name matched case-insensitively as ARM does. */
  public Optional<String> queryParam(String name) {
    return query.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /** The api-version; the router has already refused requests without a valid one. */
  public String apiVersion() {
    return queryParam("api-version").orElse("");
  }
}
