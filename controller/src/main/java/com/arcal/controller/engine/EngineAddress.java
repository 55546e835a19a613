package com.arcal.controller.engine;

import java.util.Objects;

/** Where an engine's gRPC server listens. */
public record EngineAddress(String host, int port) {
  public EngineAddress {
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
