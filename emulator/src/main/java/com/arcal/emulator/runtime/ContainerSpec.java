package com.arcal.emulator.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one app's replica must run.
 *
 * @param appName the Container App name (carried in the process command line)
 * @param revisionName the revision the replica belongs to
 * @param image the container image, mapped to a local command by the runtime
 * @param bindHost the loopback address reserved for this app; its ports listen there
 * @param env the template's environment variables (the runtime adds PORT, GRPC_PORT, BIND_HOST)
 * @param ports the container ports the app exposes: ingress targetPort first, then additional
 *     port mappings
 * @param probes the container's health probes, at most one of each kind
 */
public record ContainerSpec(
    String appName,
    String revisionName,
    String image,
    String bindHost,
    Map<String, String> env,
    List<Integer> ports,
    List<ProbeSpec> probes) {

  public ContainerSpec {
    Objects.requireNonNull(appName, "appName");
    Objects.requireNonNull(revisionName, "revisionName");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(bindHost, "bindHost");
    env = Map.copyOf(env);
    ports = List.copyOf(ports);
    probes = List.copyOf(probes);
    if (probes.stream().map(ProbeSpec::kind).distinct().count() != probes.size()) {
      throw new IllegalArgumentException("at most one probe of each kind, got " + probes);
    }
  }

  /** A container without probes. */
  public ContainerSpec(String appName, String revisionName, String image, String bindHost,
      Map<String, String> env, List<Integer> ports) {
    this(appName, revisionName, image, bindHost, env, ports, List.of());
  }

  /** The probe of that kind, if the container declares one. */
  public Optional<ProbeSpec> probe(ProbeSpec.Kind kind) {
    return probes.stream().filter(p -> p.kind() == kind).findFirst();
  }
}
