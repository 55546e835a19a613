package com.arcal.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a route answers: a status, extra headers and an optional JSON body. The HTTP layer adds the
 * headers every ARM response carries (request ids, rate-limit counters, content type).
 */
public record ArmResponse(int status, Map<String, String> headers, JsonNode body) {

  public ArmResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("bad HTTP status " + status);
    }
    headers = Map.copyOf(headers);
  }

  public static ArmResponse json(int status, JsonNode body) {
    return new ArmResponse(status, Map.of(), Objects.requireNonNull(body, "body"));
  }

  public static ArmResponse ok(JsonNode body) {
    return json(200, body);
  }

  /** A response without a body (202, 204, or a 200 for an action such as restart). */
  public static ArmResponse empty(int status) {
    return new ArmResponse(status, Map.of(), null);
  }

  /** The ARM error shape {@code {"error":{"code","message"}}} for {@code e}. */
  public static ArmResponse error(ArmException e) {
    ObjectNode body = Json.object();
    body.putObject("error").put("code", e.code()).put("message", e.getMessage());
    return new ArmResponse(e.status(), e.headers(), body);
  }

  public ArmResponse withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new ArmResponse(status, more, body);
  }
}
