package com.arcal.api.http;

import io.javalin.http.Context;
import java.time.Duration;

/** The query parameters the API understands, validated at the edge. */
public final class QueryParams {
  /** Longest {@code ?wait=}: a caller that asks for more gets this much. */
  public static final Duration MAX_WAIT = Duration.ofSeconds(300);

  private QueryParams() {}

  /** {@code ?wait=<seconds>}: zero when absent; capped at {@link #MAX_WAIT}. */
  public static Duration waitFor(Context ctx) {
    String raw = ctx.queryParam("wait");
    if (raw == null || raw.isBlank()) {
      return Duration.ZERO;
    }
    try {
      long seconds = Long.parseLong(raw.strip());
      if (seconds >= 0) {
        return seconds > MAX_WAIT.toSeconds() ? MAX_WAIT : Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badRequest(
        "wait", "wait must be a whole number of seconds, 0-" + MAX_WAIT.toSeconds());
  }

  /** A boolean flag such as {@code ?dryRun=true}; false when absent. */
  public static boolean flag(Context ctx, String name) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) {
      return false;
    }
    return switch (raw.strip()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ApiException.badRequest(name, name + " must be true or false");
    };
  }
}
