package com.arcal.controller.azure;

import com.arcal.controller.secret.Secret;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

  /**
   * The tag that records where the app was placed: its environment's resource id. It routes the
   * PUT to that environment and outlives an orchestrator restart on the app itself.
   */
  public static final String ENVIRONMENT_TAG = "arcal-environment";

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

  /** The environment this app goes to, from its placement tag; empty when it names none. */
  public Optional<EnvironmentId> environment() {
    return Optional.ofNullable(tags.get(ENVIRONMENT_TAG)).flatMap(EnvironmentId::parse);
  }

  /** This app placed in {@code environment} (its placement tag set). */
  public AppRequest placedIn(EnvironmentId environment) {
    Map<String, String> placed = new HashMap<>(tags);
    placed.put(ENVIRONMENT_TAG, environment.toString());
    return new AppRequest(name, image, cpu, memory, env, placed, secretEnv);
  }

  /** The vCPUs of its one replica, as counted against the environment's core quota. */
  public double cores() {
    return Double.parseDouble(cpu);
  }

  /**
   * The Container Apps secret that holds environment variable {@code envName}: lower case, '_'
   * as '-' (secret names allow lower-case letters, digits and '-' only).
   */
  public static String secretName(String envName) {
    return envName.toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
