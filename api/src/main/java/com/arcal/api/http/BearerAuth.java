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
 * or not) must carry {@code Authorization: Bearer <token>}; reads stay open. The comparison takes
 * the same time whatever the token sent, so the token cannot be guessed byte by byte.
 */
public final class BearerAuth {
  private static final Set<HandlerType> MUTATING =
      Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);
  private static final String PREFIX = "Bearer ";

  private final Optional<byte[]> token;

  public BearerAuth(Optional<String> token) {
    this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
  }

  /** Before-handler: throws a 401 problem when a mutating request is not authorised. */
  public void check(Context ctx) {
    if (token.isEmpty() || !MUTATING.contains(ctx.method())) {
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
              ? "this request changes state: send Authorization: Bearer <ARCAL_API_TOKEN>"
              : "the bearer token is not valid",
          "Authorization", Map.of("WWW-Authenticate", "Bearer realm=\"arcal\""));
    }
  }
}
