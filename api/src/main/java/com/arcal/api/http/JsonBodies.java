package com.arcal.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/**
 * Reads request bodies at the edge: JSON content type (415 otherwise), at most {@link #MAX_BYTES}
 * (413 otherwise, refused from Content-Length before reading when it is declared), present, and
 * strictly parsed by {@link Json#mapper()}. Nothing reaches the store before all of this passed.
 */
public final class JsonBodies {
  /** 1 MiB: far more than any desired-state document of a real fleet. */
  public static final int MAX_BYTES = 1024 * 1024;

  private final ObjectMapper json;

  public JsonBodies(ObjectMapper json) {
    this.json = json;
  }

  /** The body as {@code type}; a JSON {@code null} is refused like an empty body. */
  public <T> T read(Context ctx, Class<T> type) {
    T value;
    try {
      value = json.readValue(bytes(ctx), type);
    } catch (JsonProcessingException e) {
      throw new JsonFailure(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (value == null) {
      throw ApiException.badRequest(null, "the body must be a JSON object, not null");
    }
    return value;
  }

  /** The raw JSON body, checked for type and size only (the caller parses it). */
  public byte[] bytes(Context ctx) {
    requireJson(ctx);
    long declared = ctx.req().getContentLengthLong();
    if (declared > MAX_BYTES) {
      throw tooLarge();
    }
    byte[] body = readLimited(ctx);
    if (body.length == 0) {
      throw ApiException.badRequest(null, "a JSON body is required");
    }
    return body;
  }

  private static void requireJson(Context ctx) {
    String contentType = ctx.header("Content-Type");
    String media =
        contentType == null
            ? ""
            : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!media.equals("application/json") && !media.endsWith("+json")) {
      throw new ApiException(415, "unsupported-media-type", "Unsupported media type",
          "send the body as Content-Type: application/json"
              + (contentType == null ? "" : " (got " + media + ")"),
          "Content-Type", Map.of("Accept", "application/json"));
    }
  }

  private static byte[] readLimited(Context ctx) {
    try (InputStream in = ctx.req().getInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] chunk = new byte[8192];
      int n;
      while ((n = in.read(chunk)) != -1) {
        if (out.size() + n > MAX_BYTES) {
          throw tooLarge();
        }
        out.write(chunk, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw ApiException.badRequest(null, "the request body could not be read: " + e.getMessage());
    }
  }

  private static ApiException tooLarge() {
    return new ApiException(413, "body-too-large", "Content too large",
        "the request body is larger than " + MAX_BYTES + " bytes", null, Map.of());
  }

  /** Carries a Jackson failure unchecked to {@link ProblemMapper}. */
  static final class JsonFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JsonFailure(JsonProcessingException cause) {
      super(cause.getOriginalMessage(), cause);
    }
  }
}
