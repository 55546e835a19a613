package com.arcal.emulator.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An ARM error answer: HTTP status plus the {@code {"error":{"code","message"}}} body, and any
 * headers that must travel with it (e.g. {@code Retry-After}). Thrown anywhere below a route
 * handler; the HTTP layer turns it into the response in one place.
 */
public final class ArmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final transient Map<String, String> headers;

  public ArmException(int status, String code, String message) {
    this(status, code, message, Map.of());
  }

  private ArmException(int status, String code, String message, Map<String, String> headers) {
    super(Objects.requireNonNull(message, "message"));
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("error status must be 4xx or 5xx: " + status);
    }
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
    this.headers = Map.copyOf(headers);
  }

  /** A copy of this error that also sends {@code name: value}. */
  public ArmException withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new ArmException(status, code, getMessage(), more);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
