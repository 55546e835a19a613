package com.arcal.api.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * With a token configured, every mutating request (POST, PUT, PATCH, DELETE, on any path, known
 * or not) must carry {@code Authorization: Bearer <token>}; reads stay open unless they are
 * protected too, when every request needs it but CORS preflights and the reads in
 * {@link #ALWAYS_OPEN}. The comparison takes the same time whatever the token sent, so the token
 * cannot be guessed byte by byte.
 */
public final class BearerAuth {
  private static final Set<HandlerType> MUTATING =
      Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);
  private static final Set<HandlerType> READS = Set.of(HandlerType.GET, HandlerType.HEAD);
  /**
   * Reads that stay open when reads are protected: the platform's probes (which send no token),
   * the status page (which holds no data and asks for the token) and the API description.
   */
  public static final Set<String> ALWAYS_OPEN = Set.of("/healthz", "/readyz", "/", "/openapi.json");
  private static final String PREFIX = "Bearer ";

  private final Optional<byte[]> token;
  private final boolean protectReads;

  public BearerAuth(Optional<String> token, boolean protectReads) {
    this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    this.protectReads = protectReads && token.isPresent();
  }

  /** Before-handler: throws a 401 problem when the request needs the token and lacks it. */
  public void check(Context ctx) {
    if (token.isEmpty() || !needsToken(ctx)) {
      return;
    }
    String header = ctx.header("Authorization");
    boolean ok =
        header != null
            && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
            && MessageDigest.isEqual(
                header.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8),
                token.get());
    if (!ok) {
      throw new ApiException(401, "unauthorized", "Unauthorized",
          header == null
              ? (MUTATING.contains(ctx.method())
                      ? "this request changes state"
                      : "reads are protected")
                  + ": send Authorization: Bearer <ARCAL_API_TOKEN>"
              : "the bearer token is not valid",
          "Authorization", Map.of("WWW-Authenticate", "Bearer realm=\"arcal\""));
    }
  }

  private boolean needsToken(Context ctx) {
    if (MUTATING.contains(ctx.method())) {
      return true;
    }
    return protectReads && READS.contains(ctx.method()) && !ALWAYS_OPEN.contains(ctx.path());
  }
}
