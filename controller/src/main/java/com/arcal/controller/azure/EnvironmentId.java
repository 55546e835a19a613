package com.arcal.controller.azure;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resource id of a Container Apps managed environment, and what it says by itself: the
 * subscription and resource group the environment lives in, and its name.
 */
public record EnvironmentId(String subscriptionId, String resourceGroup, String name) {
  private static final Pattern ID =
      Pattern.compile(
          "(?i)/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.App"
              + "/managedEnvironments/([^/]+)");

  public EnvironmentId {
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(resourceGroup, "resourceGroup");
    Objects.requireNonNull(name, "name");
  }

  /** The id's parts, or empty when it is not a managed environment id. */
  public static Optional<EnvironmentId> parse(String id) {
    Matcher m = ID.matcher(id.strip());
    return m.matches()
        ? Optional.of(new EnvironmentId(m.group(1), m.group(2), m.group(3)))
        : Optional.empty();
  }

  /** The same environment: ARM compares resource ids without regard to case. */
  public boolean sameAs(EnvironmentId other) {
    return subscriptionId.equalsIgnoreCase(other.subscriptionId)
        && resourceGroup.equalsIgnoreCase(other.resourceGroup)
        && name.equalsIgnoreCase(other.name);
  }

  /** {@code /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.App/managedEnvironments/{name}}. */
  @Override
  public String toString() {
    return AzureTarget.environmentId(subscriptionId, resourceGroup, name);
  }
}
