package com.arcal.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Turns an {@link HttpExchange} into an {@link ArmRequest}. */
final class RequestReader {
  /** ARM refuses bodies above 4 MB; so do we. */
  static final int MAX_BODY = 4 * 1024 * 1024;

  private static final Pattern SAFE_HOST = Pattern.compile("[A-Za-z0-9.:\\-\\[\\]]{1,255}");

  private RequestReader() {}

  /**
   * Reads the whole request.
   *
   * @throws ArmException 413 if the body is too large
   */
  static ArmRequest read(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      throw HttpErrors.requestTooLarge(MAX_BODY);
    }
    return new ArmRequest(
        exchange.getRequestMethod().toUpperCase(Locale.ROOT),
        segments(uri.getRawPath()),
        query(uri.getRawQuery()),
        headers(exchange),
        body,
        baseUrl(exchange));
  }

  static List<String> segments(String rawPath) {
    List<String> segments = new ArrayList<>();
    if (rawPath == null) {
      return segments;
    }
    for (String raw : rawPath.split("/")) {
      if (!raw.isEmpty()) {
        segments.add(decode(raw.replace("+", "%2B")));
      }
    }
    return segments;
  }

  static Map<String, String> query(String rawQuery) {
    Map<String, String> query = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      query.putIfAbsent(key, value);
    }
    return query;
  }

  private static Map<String, String> headers(HttpExchange exchange) {
    Map<String, String> headers = new HashMap<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (name != null && !values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
              }
            });
    return headers;
  }

  /** The scheme and authority the client addressed; the Host header if it is plausible. */
  private static String baseUrl(HttpExchange exchange) {
    String scheme = exchange instanceof HttpsExchange ? "https" : "http";
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host == null || !SAFE_HOST.matcher(host).matches()) {
      InetSocketAddress local = exchange.getLocalAddress();
      String address = local.getAddress().getHostAddress();
      host = (address.contains(":") ? "[" + address + "]" : address) + ":" + local.getPort();
    }
    return scheme + "://" + host;
  }

  private static String decode(String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw;
    }
  }
}
