package com.arcal.cli.api;

import com.arcal.cli.CliException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * An answer of the API that is not a success, read from its RFC 7807 problem document: the
 * message is {@code <title>: <detail>}, exactly the API's words.
 */
public final class ApiError extends CliException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_RAW = 300;

  private final int status;
  private final String title;
  private final String detail;
  private final transient Optional<String> etag;

  private ApiError(int status, String title, String detail, Optional<String> etag) {
    super(title + ": " + detail);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.etag = etag;
  }

  /** Reads the problem document; a body that is not one is quoted (shortened) instead. */
  static ApiError of(ApiResponse response, ObjectMapper json) {
    String title = "HTTP " + response.status();
    String detail = raw(response.body());
    try {
      JsonNode problem = json.readTree(response.body());
      if (problem != null && problem.hasNonNull("title")) {
        title = problem.get("title").asText();
        detail = problem.path("detail").asText(detail);
      }
    } catch (IOException notJson) {
      // the raw body stays the detail
    }
    if (response.status() == 401) {
      detail += " (arcalctl sends --token or $ARCAL_API_TOKEN)";
    }
    return new ApiError(response.status(), title, detail, response.etag());
  }

  private static String raw(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      return "(no body)";
    }
    return text.length() > MAX_RAW ? text.substring(0, MAX_RAW) + "..." : text;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return detail;
  }

  /** The current version the API named with its answer (a 412 carries it). */
  public Optional<String> etag() {
    return etag;
  }

  /** The desired state changed since the version the request named. */
  public boolean isConflict() {
    return status == 412 || status == 409;
  }
}
