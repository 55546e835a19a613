package com.arcal.emulator.http;

import com.arcal.emulator.OperationKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Maps method + path to a handler. Literal segments match case-insensitively, as ARM's do ({@code
 * /resourcegroups/} and {@code /resourceGroups/} are the same); {@code {name}} segments capture a
 * parameter.
 */
public final class Router {

  /** One route; {@code name} labels it in statistics. */
  public record Route(
      String method, List<String> pattern, String name, OperationKind kind, RouteHandler handler) {
    public Route {
      Objects.requireNonNull(method, "method");
      pattern = List.copyOf(pattern);
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(handler, "handler");
    }
  }

  /** A route with the parameters captured from the path. */
  public record Match(Route route, Map<String, String> params) {
    public Match {
      Objects.requireNonNull(route, "route");
      params = Map.copyOf(params);
    }
  }

  /** The outcome of matching: a route, or why none applies. */
  public record Lookup(Optional<Match> match, boolean pathKnown) {}

  private final List<Route> routes = new ArrayList<>();

  /** Adds a route; {@code pattern} looks like {@code /subscriptions/{sub}/providers/...}. */
  public Router add(
      String method, String pattern, String name, OperationKind kind, RouteHandler handler) {
    List<String> segments = List.of(pattern.replaceFirst("^/", "").split("/"));
    routes.add(new Route(method, segments, name, kind, handler));
    return this;
  }

  /** Finds the route for the request; {@code pathKnown} tells a 405 from a 404. */
  public Lookup lookup(String method, List<String> segments) {
    boolean pathKnown = false;
    for (Route route : routes) {
      Optional<Map<String, String>> params = capture(route.pattern(), segments);
      if (params.isPresent()) {
        pathKnown = true;
        if (route.method().equals(method)) {
          return new Lookup(Optional.of(new Match(route, params.get())), true);
        }
      }
    }
    return new Lookup(Optional.empty(), pathKnown);
  }

  private static Optional<Map<String, String>> capture(List<String> pattern, List<String> path) {
    if (pattern.size() != path.size()) {
      return Optional.empty();
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < pattern.size(); i++) {
      String expected = pattern.get(i);
      if (expected.startsWith("{") && expected.endsWith("}")) {
        params.put(expected.substring(1, expected.length() - 1), path.get(i));
      } else if (!expected.equalsIgnoreCase(path.get(i))) {
        return Optional.empty();
      }
    }
    return Optional.of(params);
  }
}
