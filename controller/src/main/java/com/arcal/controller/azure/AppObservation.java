package com.arcal.controller.azure;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What Azure says about one Container App, reduced to what the controller reads.
 *
 * @param name app name
 * @param tags resource tags (ownership and the applied spec hash live here)
 * @param state provisioning state
 * @param latestRevisionName latest revision, empty until the first provisioning succeeded
 * @param ingressFqdn {@code configuration.ingress.fqdn}, empty until provisioned
 * @param additionalPorts {@code configuration.ingress.additionalPortMappings}, empty when none
 * @param image image of the app's first container, empty if unknown
 * @param env environment of the app's first container (plain values only)
 * @param secretEnv variables of the first container whose value comes from one of the app's
 *     secrets (a GET names them; their values are only in Azure's listSecrets)
 * @param environmentId {@code properties.managedEnvironmentId}: the environment the app lives in,
 *     empty when unknown
 * @param cores the vCPUs its one replica requests (what counts against its environment's core
 *     quota), 0 when unknown
 * @param cpu vCPUs of the first container as Azure reports them, in the plainest spelling
 *     ("0.5", "1"), empty if unknown
 * @param memory memory of the first container as Azure reports it ("1Gi"), empty if unknown
 */
public record AppObservation(
    String name,
    Map<String, String> tags,
    ProvisioningState state,
    String latestRevisionName,
    String ingressFqdn,
    List<PortMapping> additionalPorts,
    String image,
    Map<String, String> env,
    Set<String> secretEnv,
    String environmentId,
    double cores,
    String cpu,
    String memory) {

  public AppObservation {
    Objects.requireNonNull(name, "name");
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    Objects.requireNonNull(state, "state");
    latestRevisionName = latestRevisionName == null ? "" : latestRevisionName;
    ingressFqdn = ingressFqdn == null ? "" : ingressFqdn;
    additionalPorts = additionalPorts == null ? List.of() : List.copyOf(additionalPorts);
    image = image == null ? "" : image;
    env = env == null ? Map.of() : Map.copyOf(env);
    secretEnv = secretEnv == null ? Set.of() : Set.copyOf(secretEnv);
    environmentId = environmentId == null ? "" : environmentId;
    cpu = cpu == null ? "" : cpu;
    memory = memory == null ? "" : memory;
  }

  /** An app whose environment, cores and resources are not known (tests, bodies that omit them). */
  public AppObservation(
      String name,
      Map<String, String> tags,
      ProvisioningState state,
      String latestRevisionName,
      String ingressFqdn,
      List<PortMapping> additionalPorts,
      String image,
      Map<String, String> env,
      Set<String> secretEnv) {
    this(name, tags, state, latestRevisionName, ingressFqdn, additionalPorts, image, env, secretEnv, "", 0, "", "");
  }

  /** The same app as seen in another provisioning state (e.g. right after we sent a write). */
  public AppObservation withState(ProvisioningState next) {
    return new AppObservation(
        name, tags, next, latestRevisionName, ingressFqdn, additionalPorts, image, env, secretEnv,
        environmentId, cores, cpu, memory);
  }

  /**
   * The environment the app lives in: ARM's {@code managedEnvironmentId}, else the placement tag
   * the controller wrote on it; empty when neither names one.
   */
  public Optional<EnvironmentId> environment() {
    Optional<EnvironmentId> body = EnvironmentId.parse(environmentId);
    return body.isPresent() ? body : tag(AppRequest.ENVIRONMENT_TAG).flatMap(EnvironmentId::parse);
  }

  /**
   * Where other apps of the environment reach the container's {@code targetPort}: the exposed
   * port of the additional mapping for it, empty when the app declares none.
   */
  public Optional<Integer> exposedPortFor(int targetPort) {
    return additionalPorts.stream()
        .filter(p -> p.targetPort() == targetPort)
        .map(PortMapping::exposedPort)
        .findFirst();
  }

  public Optional<String> tag(String key) {
    return Optional.ofNullable(tags.get(key));
  }
}
