package com.arcal.emulator.arm;

import com.arcal.emulator.runtime.ContainerSpec;
import com.arcal.emulator.state.AppRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Derives what the runtime must run from an app's template and configuration. */
public final class ContainerSpecs {
  private ContainerSpecs() {}

  /**
   * The replica of {@code revision}: the first container's image, environment (secret references
   * resolved against {@code configuration.secrets}) and probes, on the app's loopback address.
   */
  public static ContainerSpec of(
      AppRecord app, String revision, ObjectNode template, List<Integer> ports) {
    JsonNode container = template.path("containers").path(0);
    return new ContainerSpec(
        app.name(),
        revision,
        container.path("image").asText(),
        app.bindHost(),
        env(container.path("env"), app.spec().configuration().path("secrets")),
        ports,
        ProbeSpecs.of(container));
  }

  /** The container ports: ingress target port first, then additional port mappings. */
  public static List<Integer> ports(ObjectNode configuration) {
    List<Integer> ports = new ArrayList<>();
    JsonNode ingress = configuration.path("ingress");
    if (ingress.has("targetPort")) {
      ports.add(ingress.get("targetPort").asInt());
    }
    for (JsonNode mapping : ingress.path("additionalPortMappings")) {
      ports.add(mapping.path("targetPort").asInt());
    }
    return ports;
  }

  private static Map<String, String> env(JsonNode env, JsonNode secrets) {
    Map<String, String> vars = new LinkedHashMap<>();
    for (JsonNode entry : env) {
      String name = entry.path("name").asText();
      if (entry.path("value").isValueNode()) {
        vars.put(name, entry.get("value").asText());
      } else if (entry.path("secretRef").isTextual()) {
        String ref = entry.get("secretRef").asText();
        for (JsonNode secret : secrets) {
          if (ref.equals(secret.path("name").asText()) && secret.path("value").isTextual()) {
            vars.put(name, secret.get("value").asText());
          }
        }
      }
    }
    return vars;
  }
}
