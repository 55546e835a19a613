package com.arcal.engine;

import java.util.Map;
import java.util.Objects;

/**
 * Where one engine listens.
 *
 * @param bindHost address both servers bind to, e.g. {@code 0.0.0.0} in a container or {@code 127.0.0.1} in tests
 * @param grpcPort port of the {@code SaleEngine} and health services; 0 picks a free port
 * @param wsPort port of the buyers' WebSocket; 0 picks a free port
 */
public record EngineSettings(String bindHost, int grpcPort, int wsPort) {

  public static final String BIND_HOST = "BIND_HOST";
  public static final String GRPC_PORT = "GRPC_PORT";
  public static final String PORT = "PORT";

  static final String DEFAULT_BIND_HOST = "0.0.0.0";
  static final int DEFAULT_GRPC_PORT = 50051;
  static final int DEFAULT_WS_PORT = 3000;

  public EngineSettings {
    Objects.requireNonNull(bindHost, "bindHost");
    if (bindHost.isBlank()) {
      throw new IllegalArgumentException(BIND_HOST + " must not be blank");
    }
    checkPort(GRPC_PORT, grpcPort);
    checkPort(PORT, wsPort);
    if (grpcPort != 0 && grpcPort == wsPort) {
      throw new IllegalArgumentException(GRPC_PORT + " and " + PORT + " must differ, both are " + grpcPort);
    }
  }

  /** Loopback on ephemeral ports: what tests and in-process embeddings want. */
  public static EngineSettings ephemeralLoopback() {
    return new EngineSettings("127.0.0.1", 0, 0);
  }

  /**
   * Reads {@code BIND_HOST}, {@code GRPC_PORT} and {@code PORT}, falling back to the defaults
   * (0.0.0.0, 50051, 3000) when a variable is absent or empty.
   *
   * @throws IllegalArgumentException whose message names the offending variable
   */
  public static EngineSettings fromEnv(Map<String, String> env) {
    String host = valueOrNull(env, BIND_HOST);
    return new EngineSettings(
        host == null ? DEFAULT_BIND_HOST : host,
        port(env, GRPC_PORT, DEFAULT_GRPC_PORT),
        port(env, PORT, DEFAULT_WS_PORT));
  }

  private static int port(Map<String, String> env, String name, int fallback) {
    String raw = valueOrNull(env, name);
    if (raw == null) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(raw);
      checkPort(name, port);
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a port number 0-65535, got '" + raw + "'", e);
    }
  }

  private static String valueOrNull(Map<String, String> env, String name) {
    String raw = env.get(name);
    return raw == null || raw.isBlank() ? null : raw.trim();
  }

  private static void checkPort(String name, int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(name + " must be a port number 0-65535, got '" + port + "'");
    }
  }
}
