package com.arcal.controller.azure;

import com.arcal.controller.secret.Secret;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The Container App the controller wants: one engine container with external WebSocket ingress
 * and an internal-only gRPC port.
 *
 * @param name app name
 * @param image engine image
 * @param cpu vCPUs, as Azure writes them ("0.5")
 * @param memory memory ("1Gi")
 * @param env container environment
 * @param tags resource tags: ownership, sale id, spec hash, generation
 * @param secretEnv container environment variables whose values are secrets: each becomes a
 *     Container Apps secret named {@link #secretName} of the variable, which the variable
 *     references (so the value is never in the template, and a GET never shows it)
 */
public record AppRequest(
    String name,
    String image,
    String cpu,
    String memory,
    Map<String, String> env,
    Map<String, String> tags,
    Map<String, Secret> secretEnv) {

  /** Buyers' WebSocket: the external ingress target port. */
  public static final int WEBSOCKET_PORT = 3000;

  /** The engine's gRPC port: an additional, internal-only port mapping. */
  public static final int GRPC_PORT = 50051;

  public AppRequest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(cpu, "cpu");
    Objects.requireNonNull(memory, "memory");
    env = Map.copyOf(env);
    tags = Map.copyOf(tags);
    secretEnv = Map.copyOf(secretEnv);
  }

  /** An app without secrets. */
  public AppRequest(
      String name, String image, String cpu, String memory, Map<String, String> env, Map<String, String> tags) {
    this(name, image, cpu, memory, env, tags, Map.of());
  }

  /**
   * The Container Apps secret that holds environment variable {@code envName}: lower case, '_'
   * as '-' (secret names allow lower-case letters, digits and '-' only).
   */
  public static String secretName(String envName) {
    return envName.toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
