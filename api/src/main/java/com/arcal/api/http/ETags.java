package com.arcal.api.http;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Entity tags of the desired state: the store's version, quoted. {@code If-Match} is honoured
 * with strong comparison of the version; {@code *} matches any version.
 */
public final class ETags {
  private ETags() {}

  public static String format(String version) {
    return "\"" + version + "\"";
  }

  /**
   * The version a conditional write must name, from {@code If-Match}: empty when the header is
   * absent or {@code *}; the current version when one of several listed tags is current.
   */
  public static Optional<String> expectedVersion(Context ctx, Supplier<String> currentVersion) {
    String header = ctx.header("If-Match");
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    List<String> tags = parse(header);
    if (tags.contains("*")) {
      return Optional.empty();
    }
    if (tags.size() == 1) {
      return Optional.of(tags.get(0));
    }
    String current = currentVersion.get();
    return Optional.of(tags.contains(current) ? current : tags.get(0));
  }

  /** As {@link #expectedVersion}, but the header is required (428 without it). */
  public static String requiredVersion(Context ctx, Supplier<String> currentVersion) {
    if (ctx.header("If-Match") == null || ctx.header("If-Match").isBlank()) {
      throw new ApiException(428, "precondition-required", "Precondition required",
          "send If-Match with the ETag of GET /desired-state, so that a concurrent edit is not"
              + " overwritten",
          "If-Match", Map.of());
    }
    return expectedVersion(ctx, currentVersion).orElseGet(currentVersion);
  }

  static List<String> parse(String header) {
    List<String> tags = new ArrayList<>();
    for (String part : header.split(",")) {
      String tag = part.strip();
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
        tag = tag.substring(1, tag.length() - 1);
      }
      if (!tag.isEmpty()) {
        tags.add(tag);
      }
    }
    if (tags.isEmpty()) {
      throw ApiException.badRequest("If-Match", "If-Match must list entity tags such as \"3f2a...\"");
    }
    return tags;
  }
}
