package com.arcal.engine;

import java.util.Map;
import java.util.Objects;

/**
 * Where one engine listens, and the token its callers must present.
 *
 * @param bindHost address both servers bind to, e.g. {@code 0.0.0.0} in a container or {@code 127.0.0.1} in tests
 * @param grpcPort port of the {@code SaleEngine} and health services; 0 picks a free port
 * @param wsPort port of the buyers' WebSocket; 0 picks a free port
 * @param token the bearer token every {@code SaleEngine} call must carry, "" for none (then every
 *     such call is refused); a secret: {@link #toString} never shows it
 */
public record EngineSettings(String bindHost, int grpcPort, int wsPort, String token) {

  public static final String BIND_HOST = "BIND_HOST";
  public static final String GRPC_PORT = "GRPC_PORT";
  public static final String PORT = "PORT";
  /** The variable the orchestrator fills from the app's Container Apps secret. */
  public static final String TOKEN = "ARCAL_ENGINE_TOKEN";
  /** Shortest token accepted: the orchestrator's are 43 characters (256 random bits). */
  static final int MIN_TOKEN_LENGTH = 16;

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
    token = token == null ? "" : token;
    if (!token.isEmpty()) {
      checkToken(token);
    }
  }

  /** No token: every {@code SaleEngine} call is refused (health stays open). */
  public EngineSettings(String bindHost, int grpcPort, int wsPort) {
    this(bindHost, grpcPort, wsPort, "");
  }

  /** The same, requiring {@code token} from every {@code SaleEngine} caller. */
  public EngineSettings withToken(String token) {
    return new EngineSettings(bindHost, grpcPort, wsPort, token);
  }

  public boolean hasToken() {
    return !token.isEmpty();
  }

  @Override
  public String toString() {
    return "EngineSettings[bindHost=" + bindHost + ", grpcPort=" + grpcPort + ", wsPort=" + wsPort
        + ", token=" + (hasToken() ? "(set)" : "(none)") + "]";
  }

  /** Loopback on ephemeral ports: what tests and in-process embeddings want. */
  public static EngineSettings ephemeralLoopback() {
    return new EngineSettings("127.0.0.1", 0, 0);
  }

  /**
   * Reads {@code BIND_HOST}, {@code GRPC_PORT}, {@code PORT} and {@code ARCAL_ENGINE_TOKEN},
   * falling back to the defaults (0.0.0.0, 50051, 3000, no token) when a variable is absent or
   * empty.
   *
   * @throws IllegalArgumentException whose message names the offending variable (never a token)
   */
  public static EngineSettings fromEnv(Map<String, String> env) {
    String host = valueOrNull(env, BIND_HOST);
    return new EngineSettings(
        host == null ? DEFAULT_BIND_HOST : host,
        port(env, GRPC_PORT, DEFAULT_GRPC_PORT),
        port(env, PORT, DEFAULT_WS_PORT),
        tokenFrom(env));
  }

  /** The token in {@code env} ({@code ARCAL_ENGINE_TOKEN}), "" when absent or blank. */
  public static String tokenFrom(Map<String, String> env) {
    String raw = env.get(TOKEN);
    return raw == null || raw.isBlank() ? "" : raw;
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

  // Printable ASCII because it travels in a gRPC header; the message never carries the value.
  private static void checkToken(String token) {
    boolean printable = token.chars().allMatch(c -> c > ' ' && c < 127);
    if (token.length() < MIN_TOKEN_LENGTH || !printable) {
      throw new IllegalArgumentException(TOKEN + " must be at least " + MIN_TOKEN_LENGTH
          + " printable ASCII characters without spaces (the orchestrator sets it from the app's secret)");
    }
  }

  private static void checkPort(String name, int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(name + " must be a port number 0-65535, got '" + port + "'");
    }
  }
}
