package com.arcal.cli.api;

import com.arcal.cli.CliException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Where the orchestrator listens and the token for writes: a flag wins over the environment
 * ({@code ARCAL_URL}, {@code ARCAL_API_TOKEN}), which wins over the default address.
 */
public record Endpoint(URI base, Optional<String> token) {
  public static final String DEFAULT_URL = "http://127.0.0.1:8080";
  public static final String URL_VARIABLE = "ARCAL_URL";
  public static final String TOKEN_VARIABLE = "ARCAL_API_TOKEN";

  public Endpoint {
    String scheme = base.getScheme();
    if (!("http".equals(scheme) || "https".equals(scheme)) || base.getHost() == null) {
      throw new CliException("the server address must be an http:// or https:// URL, not '" + base + "'");
    }
    token = token.filter(t -> !t.isBlank());
  }

  /** Resolves the flags (null when absent) against the environment. */
  public static Endpoint resolve(String server, String token, Map<String, String> env) {
    String url = firstNonBlank(server, env.get(URL_VARIABLE), DEFAULT_URL);
    String secret = firstNonBlank(token, env.get(TOKEN_VARIABLE), "");
    try {
      return new Endpoint(URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url),
          Optional.of(secret));
    } catch (IllegalArgumentException e) {
      throw new CliException("the server address '" + url + "' is not a URL: " + e.getMessage());
    }
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return "";
  }

  /** The URI of a path such as {@code /sales}. */
  public URI resolve(String pathAndQuery) {
    return URI.create(base + pathAndQuery);
  }
}
