package com.arcal.emulator.arm;

import com.arcal.emulator.http.ArmCall;
import com.arcal.emulator.http.ArmResponse;
import com.arcal.emulator.http.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The configured resource groups and their managed environments: exactly one, {@code arcal-env},
 * per resource group, always provisioned, with default domain {@code <rg>.arcal.localhost}.
 */
public final class Environments {
  private static final String ENV_TYPE = "Microsoft.App/managedEnvironments";

  // Lower-case name -> name as configured.
  private final Map<String, String> groups = new LinkedHashMap<>();
  private final String location;

  public Environments(List<String> resourceGroups, String location) {
    resourceGroups.forEach(rg -> groups.put(rg.toLowerCase(Locale.ROOT), rg));
    this.location = location;
  }

  /** The resource group as configured; ARM's 404 {@code ResourceGroupNotFound} if it is not. */
  public String requireResourceGroup(String rg) {
    String configured = groups.get(rg.toLowerCase(Locale.ROOT));
    if (configured == null) {
      throw ArmErrors.resourceGroupNotFound(rg);
    }
    return configured;
  }

  /** A managed environment reference resolved to the environment it names. */
  public record Resolved(String id, String resourceGroup, String defaultDomain) {}

  /**
   * Resolves an app's {@code environmentId}: it must name {@code arcal-env} in a configured
   * resource group, else 404 {@code ManagedEnvironmentNotFound}, as Azure answers for an
   * environment that does not exist.
   */
  public Resolved resolve(String environmentId) {
    Optional<String[]> parts = parse(environmentId);
    if (parts.isEmpty()) {
      throw ArmErrors.invalidSpec(
          "properties.environmentId '"
              + environmentId
              + "' is not a managed environment id "
              + "(/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.App/"
              + "managedEnvironments/{name}).");
    }
    String sub = parts.get()[0];
    String rg = groups.get(parts.get()[1].toLowerCase(Locale.ROOT));
    if (rg == null || !parts.get()[2].equalsIgnoreCase(ResourceIds.ENVIRONMENT_NAME)) {
      throw ArmErrors.managedEnvironmentNotFound(environmentId);
    }
    return new Resolved(ResourceIds.environment(sub, rg), rg, defaultDomain(rg));
  }

  /** The default domain of the environment {@code environmentId} names, without validation. */
  public String defaultDomainOf(String environmentId) {
    return parse(environmentId).map(p -> defaultDomain(p[1])).orElse("arcal.localhost");
  }

  /** {@code GET .../managedEnvironments/{env}}. */
  public ArmResponse get(ArmCall call) {
    String sub = call.param("sub");
    String rg = requireResourceGroup(call.param("rg"));
    String env = call.param("env");
    if (!env.equalsIgnoreCase(ResourceIds.ENVIRONMENT_NAME)) {
      throw ArmErrors.resourceNotFound(ENV_TYPE, env, rg);
    }
    ObjectNode body = Json.object();
    body.put("id", ResourceIds.environment(sub, rg));
    body.put("name", ResourceIds.ENVIRONMENT_NAME);
    body.put("type", ENV_TYPE);
    body.put("location", LocationNames.displayName(location));
    ObjectNode props = body.putObject("properties");
    props.put("provisioningState", "Succeeded");
    props.put("defaultDomain", defaultDomain(rg));
    props.put("staticIp", "127.0.0.1");
    props.put("zoneRedundant", false);
    props.putObject("peerAuthentication").putObject("mtls").put("enabled", false);
    return ArmResponse.ok(body);
  }

  static String defaultDomain(String rg) {
    String label =
        rg.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
    return (label.isEmpty() ? "rg" : label) + ".arcal.localhost";
  }

  /** {sub, rg, env} of a managed environment id, if it has that shape. */
  private static Optional<String[]> parse(String id) {
    String[] s = id.replaceFirst("^/", "").split("/");
    boolean shape =
        s.length == 8
            && s[0].equalsIgnoreCase("subscriptions")
            && s[2].equalsIgnoreCase("resourceGroups")
            && s[4].equalsIgnoreCase("providers")
            && s[5].equalsIgnoreCase("Microsoft.App")
            && s[6].equalsIgnoreCase("managedEnvironments")
            && !s[1].isBlank()
            && !s[3].isBlank()
            && !s[7].isBlank();
    return shape ? Optional.of(new String[] {s[1], s[3], s[7]}) : Optional.empty();
  }
}
