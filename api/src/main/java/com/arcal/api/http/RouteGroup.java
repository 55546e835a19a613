package com.arcal.api.http;

import io.javalin.config.RoutesConfig;

/** The routes of one resource, registered in Javalin's configuration block. */
@FunctionalInterface
public interface RouteGroup {
  void register(RoutesConfig routes);
}
