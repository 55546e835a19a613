package com.arcal.api.http;

import java.util.Map;

/**
 * A request the API refuses at its edge (bad header, bad query parameter, missing token...).
 * {@link ProblemMapper} turns it into a problem document like every other error.
 *
 * @see Problem
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String type;
  private final String title;
  private final String field;
  private final transient Map<String, String> headers;

  public ApiException(int status, String type, String title, String detail, String field,
      Map<String, String> headers) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
    this.field = field;
    this.headers = Map.copyOf(headers);
  }

  public static ApiException badRequest(String field, String detail) {
    return new ApiException(400, "invalid-request", "Invalid request", detail, field, Map.of());
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  public String field() {
    return field;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
