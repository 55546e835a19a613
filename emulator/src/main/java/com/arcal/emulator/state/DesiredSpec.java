package com.arcal.emulator.state;

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
}
