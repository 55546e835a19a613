package com.arcal.emulator.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The writable part of a container app as last accepted, normalised (defaults filled, enum values
 * in Azure's spelling, read-only fields removed), so that two specs can be compared for equality.
 * The JSON nodes are private copies and never mutated after construction.
 *
 * @param location display name of the location ({@code West Europe})
 * @param tags resource tags (empty object when none)
 * @param environmentId canonical id of the managed environment
 * @param workloadProfileName as sent, or null
 * @param configuration {@code properties.configuration}
 * @param template {@code properties.template}
 * @param identity {@code identity}
 */
public record DesiredSpec(
    String location,
    ObjectNode tags,
    String environmentId,
    String workloadProfileName,
    ObjectNode configuration,
    ObjectNode template,
    ObjectNode identity) {

  public DesiredSpec {
    Objects.requireNonNull(location, "location");
    tags = Objects.requireNonNull(tags, "tags").deepCopy();
    Objects.requireNonNull(environmentId, "environmentId");
    configuration = Objects.requireNonNull(configuration, "configuration").deepCopy();
    template = Objects.requireNonNull(template, "template").deepCopy();
    identity = Objects.requireNonNull(identity, "identity").deepCopy();
  }

  /**
   * Whether applying {@code other} would change nothing Azure would act on: same template,
   * configuration and tags.
   */
  public boolean sameDesiredState(DesiredSpec other) {
    return template.equals(other.template)
        && configuration.equals(other.configuration)
        && tags.equals(other.tags)
        && environmentId.equalsIgnoreCase(other.environmentId);
  }

  /**
   * The cores this app holds against its environment's quota: the cpu of every container of its
   * template, for each active replica. Azure counts "the cores requested by each active replica of
   * all revisions" (Quotas for Azure Container Apps); the emulator keeps at least one replica of
   * every app running (it does not scale to zero), so an app counts {@code max(1, minReplicas)}.
   */
  public double cores() {
    double perReplica = 0;
    for (JsonNode container : template.path("containers")) {
      perReplica += container.path("resources").path("cpu").asDouble(0);
    }
    return perReplica * Math.max(1, template.path("scale").path("minReplicas").asInt(0));
  }
}
