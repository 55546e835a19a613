package com.arcal.emulator.arm;

import com.arcal.emulator.state.DesiredSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a container app request body into a {@link DesiredSpec}: validates what the emulator needs,
 * drops read-only and null fields, and fills Azure's defaults in Azure's spelling. Normalising is
 * idempotent, so a body built from a GET of the app normalises to the spec the app already has
 * (which is how an unchanged PUT is recognised), once the secrets' values, which a GET leaves
 * out, are filled back in.
 */
public final class SpecNormalizer {
  private static final Map<String, String> TRANSPORTS =
      Map.of("auto", "Auto", "http", "Http", "http2", "Http2", "tcp", "Tcp");
  private static final Map<String, String> REVISION_MODES =
      Map.of("single", "Single", "multiple", "Multiple", "labels", "Labels");

  private final Environments environments;

  public SpecNormalizer(Environments environments) {
    this.environments = environments;
  }

  public DesiredSpec normalize(JsonNode body) {
    if (!body.isObject()) {
      throw ArmErrors.invalidContent("the request body must be a JSON object");
    }
    ObjectNode copy = body.deepCopy();
    JsonTrees.stripNulls(copy);
    JsonNode location = copy.path("location");
    if (!location.isTextual() || location.asText().isBlank()) {
      throw ArmErrors.locationRequired();
    }
    ObjectNode tags = objectOrEmpty(copy, "tags");
    ObjectNode props = objectOrEmpty(copy, "properties");
    JsonNode envId =
        props.has("environmentId") ? props.get("environmentId") : props.get("managedEnvironmentId");
    if (envId == null || !envId.isTextual() || envId.asText().isBlank()) {
      throw ArmErrors.invalidSpec(
          "properties.environmentId (or managedEnvironmentId) is required.");
    }
    Environments.Resolved env = environments.resolve(envId.asText());
    JsonNode profile = props.path("workloadProfileName");
    env.requireProfile(profile.isTextual() ? profile.asText() : null);
    ObjectNode identity = objectOrEmpty(copy, "identity");
    if (!identity.has("type")) {
      identity.put("type", "None");
    }
    return new DesiredSpec(
        LocationNames.displayName(location.asText()),
        tags,
        env.id(),
        profile.isTextual() ? profile.asText() : null,
        configuration(objectOrEmpty(props, "configuration")),
        template(props.path("template")),
        identity);
  }

  private static ObjectNode configuration(ObjectNode config) {
    config.put(
        "activeRevisionsMode", spelled(config, "activeRevisionsMode", REVISION_MODES, "Single"));
    if (!config.has("maxInactiveRevisions")) {
      config.put("maxInactiveRevisions", 100);
    }
    secrets(config.path("secrets"));
    JsonNode ingress = config.get("ingress");
    if (ingress != null) {
      if (!ingress.isObject()) {
        throw ArmErrors.invalidContent("properties.configuration.ingress must be an object");
      }
      ingress((ObjectNode) ingress);
    }
    return config;
  }

  /**
   * Each secret needs its value, or a Key Vault reference with the identity that reads it. A
   * secret without a value is what a body read with GET carries (values are never returned): Azure
   * refuses it rather than keep the old value, which is why a GET-modify-PUT client fills the
   * values in from listSecrets first.
   */
  private static void secrets(JsonNode secrets) {
    if (secrets.isMissingNode()) {
      return;
    }
    if (!secrets.isArray() || !JsonTrees.all(secrets, s -> s.path("name").isTextual())) {
      throw ArmErrors.invalidContent("configuration.secrets must be an array of {name, value} objects");
    }
    List<String> withoutValue = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    for (JsonNode secret : secrets) {
      String name = secret.get("name").asText();
      if (secret.has("keyVaultUrl")) {
        if (!secret.path("identity").isTextual()) {
          invalid.add(name);
        }
      } else if (!secret.path("value").isTextual()) {
        withoutValue.add(name);
      }
    }
    if (!withoutValue.isEmpty()) {
      throw ArmErrors.secretNull(withoutValue);
    }
    if (!invalid.isEmpty()) {
      throw ArmErrors.secretInvalid(invalid);
    }
  }

  private static void ingress(ObjectNode ingress) {
    ingress.remove("fqdn");
    defaultBoolean(ingress, "external", false);
    defaultBoolean(ingress, "allowInsecure", false);
    ingress.put("transport", spelled(ingress, "transport", TRANSPORTS, "Auto"));
    List<Integer> ports = new ArrayList<>();
    if (ingress.has("targetPort")) {
      ports.add(port(ingress.get("targetPort"), "ingress.targetPort"));
    }
    if (!ingress.has("traffic")) {
      ingress.putArray("traffic").addObject().put("weight", 100).put("latestRevision", true);
    }
    JsonNode mappings = ingress.path("additionalPortMappings");
    if (!mappings.isMissingNode()) {
      if (!mappings.isArray()) {
        throw ArmErrors.invalidContent("ingress.additionalPortMappings must be an array");
      }
      for (JsonNode mapping : mappings) {
        if (!mapping.isObject()) {
          throw ArmErrors.invalidContent("ingress.additionalPortMappings entries must be objects");
        }
        ObjectNode m = (ObjectNode) mapping;
        int target = port(m.get("targetPort"), "additionalPortMappings.targetPort");
        ports.add(target);
        defaultBoolean(m, "external", false);
        if (!m.has("exposedPort")) {
          m.put("exposedPort", target);
        } else {
          port(m.get("exposedPort"), "additionalPortMappings.exposedPort");
        }
      }
    }
    if (ports.stream().distinct().count() != ports.size()) {
      throw ArmErrors.invalidSpec("Container ports must be distinct, got " + ports + ".");
    }
  }

  private static ObjectNode template(JsonNode node) {
    if (!node.isObject()) {
      throw ArmErrors.invalidSpec("properties.template is required.");
    }
    ObjectNode template = (ObjectNode) node;
    JsonNode containers = template.path("containers");
    if (!containers.isArray() || containers.isEmpty()) {
      throw ArmErrors.invalidSpec(
          "properties.template.containers must list at least one container.");
    }
    for (JsonNode c : containers) {
      container(c);
    }
    if (!template.has("revisionSuffix")) {
      template.put("revisionSuffix", "");
    }
    ObjectNode scale = objectOrEmpty(template, "scale");
    if (!scale.has("maxReplicas")) {
      scale.put("maxReplicas", 10);
    }
    return template;
  }

  private static void container(JsonNode node) {
    if (!node.isObject()
        || !node.path("image").isTextual()
        || node.path("image").asText().isBlank()
        || !node.path("name").isTextual()
        || node.path("name").asText().isBlank()) {
      throw ArmErrors.invalidSpec("Every container needs a non-empty 'name' and 'image'.");
    }
    JsonNode env = node.path("env");
    if (!env.isMissingNode()
        && (!env.isArray() || !JsonTrees.all(env, e -> e.path("name").isTextual()))) {
      throw ArmErrors.invalidContent("container env must be an array of {name, value} objects");
    }
    ObjectNode resources = objectOrEmpty((ObjectNode) node, "resources");
    double cpu = resources.path("cpu").isNumber() ? resources.get("cpu").asDouble() : 0.5;
    // The SDK sends cpu as a double: keep it one, so a GET-modify-PUT compares equal.
    resources.put("cpu", cpu);
    if (!resources.has("memory")) {
      resources.put("memory", JsonTrees.gibibytes(cpu * 2));
    }
    if (!resources.has("ephemeralStorage")) {
      resources.put("ephemeralStorage", JsonTrees.gibibytes(cpu * 4));
    }
    ProbeSpecs.validate(node);
  }

  private static int port(JsonNode node, String what) {
    if (node == null || !node.canConvertToInt() || !node.isIntegralNumber()) {
      throw ArmErrors.invalidSpec(what + " must be an integer port number.");
    }
    int port = node.asInt();
    if (port < 1 || port > 65535) {
      throw ArmErrors.invalidSpec(what + " must be between 1 and 65535, got " + port + ".");
    }
    return port;
  }

  private static String spelled(
      ObjectNode node, String field, Map<String, String> known, String dflt) {
    JsonNode value = node.get(field);
    if (value == null) {
      return dflt;
    }
    String spelled = value.isTextual() ? known.get(value.asText().toLowerCase(Locale.ROOT)) : null;
    if (spelled == null) {
      throw ArmErrors.invalidSpec(
          field + " must be one of " + known.values() + " (any case), got " + value + ".");
    }
    return spelled;
  }

  private static void defaultBoolean(ObjectNode node, String field, boolean value) {
    if (!node.has(field)) {
      node.put(field, value);
    } else if (!node.get(field).isBoolean()) {
      throw ArmErrors.invalidContent(field + " must be true or false");
    }
  }

  private static ObjectNode objectOrEmpty(ObjectNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null) {
      return parent.putObject(field);
    }
    if (!node.isObject()) {
      throw ArmErrors.invalidContent(field + " must be an object");
    }
    return (ObjectNode) node;
  }
}
