package com.arcal.emulator.http;

import java.util.Map;
import java.util.Objects;

/**
 * A request matched to a route.
 *
 * @param request the request
 * @param params the route's path parameters by name (e.g. {@code sub}, {@code rg}, {@code name})
 * @param failOperation fault injection decided that a long-running operation this request starts
 *     must end {@code Failed}
 */
public record ArmCall(ArmRequest request, Map<String, String> params, boolean failOperation) {

  public ArmCall {
    Objects.requireNonNull(request, "request");
    params = Map.copyOf(params);
  }

  public String param(String name) {
    String value = params.get(name);
    if (value == null) {
      throw new IllegalStateException("route has no parameter " + name);
    }
    return value;
  }
}
