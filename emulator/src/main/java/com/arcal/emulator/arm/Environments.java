package com.arcal.emulator.arm;

import com.arcal.emulator.http.ArmCall;
import com.arcal.emulator.http.ArmResponse;
import com.arcal.emulator.http.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configured resource groups and their managed environments: exactly one, {@code arcal-env},
 * per resource group, always provisioned, with default domain {@code <rg>.arcal.localhost}. Each
 * is of one of Azure's two environment types: workload profiles (the default, with the built-in
 * {@code Consumption} profile), or Consumption-only (legacy: no workload profiles at all).
 */
public final class Environments {
  private static final String ENV_TYPE = "Microsoft.App/managedEnvironments";

  /** The name Azure gives the built-in Consumption profile of a workload-profiles environment. */
  public static final String CONSUMPTION_PROFILE = "Consumption";

  // Lower-case name -> name as configured.
  private final Map<String, String> groups = new LinkedHashMap<>();
  /** Lower-case names of the groups whose environment is Consumption-only. */
  private final Set<String> consumptionOnly = new HashSet<>();
  private final String location;

  /** Every environment of the workload-profiles type. */
  public Environments(List<String> resourceGroups, String location) {
    this(resourceGroups, location, List.of());
  }

  /**
   * @param consumptionOnlyGroups the resource groups whose environment is Consumption-only
   *     (validated by EmulatorSettings to be among {@code resourceGroups})
   */
  public Environments(
      List<String> resourceGroups, String location, List<String> consumptionOnlyGroups) {
    resourceGroups.forEach(rg -> groups.put(rg.toLowerCase(Locale.ROOT), rg));
    consumptionOnlyGroups.forEach(rg -> consumptionOnly.add(rg.toLowerCase(Locale.ROOT)));
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

  /**
   * A managed environment reference resolved to the environment it names.
   *
   * @param workloadProfiles the names of its workload profiles; empty for a Consumption-only one
   */
  public record Resolved(
      String id, String resourceGroup, String defaultDomain, List<String> workloadProfiles) {
    public Resolved {
      workloadProfiles = List.copyOf(workloadProfiles);
    }

    public boolean consumptionOnly() {
      return workloadProfiles.isEmpty();
    }

    /**
     * Checks an app's {@code workloadProfileName} against this environment: a Consumption-only
     * environment refuses any name, with the message Azure gives (Azure/bicep-registry-modules
     * issue 2517). A name a workload-profiles environment does not have is not checked (what
     * Azure answers then is not documented).
     */
    public void requireProfile(String workloadProfileName) {
      if (workloadProfileName != null && consumptionOnly()) {
        throw ArmErrors.invalidSpec(
            "Cannot specify workload profile name for container app in Consumption Only"
                + " environment.");
      }
    }
  }

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
    return new Resolved(ResourceIds.environment(sub, rg), rg, defaultDomain(rg), profiles(rg));
  }

  /** The workload profiles of {@code rg}'s environment: none when it is Consumption-only. */
  private List<String> profiles(String rg) {
    return consumptionOnly.contains(rg.toLowerCase(Locale.ROOT))
        ? List.of()
        : List.of(CONSUMPTION_PROFILE);
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
    // As Azure answers: a workload-profiles environment lists its profiles, the built-in
    // Consumption one included; a Consumption-only environment has none (REST reference
    // ManagedEnvironments_Get, the real recording of a Consumption-only environment).
    List<String> profiles = profiles(rg);
    if (!profiles.isEmpty()) {
      var list = props.putArray("workloadProfiles");
      profiles.forEach(p -> list.addObject().put("name", p).put("workloadProfileType", p));
    }
    props.putObject("peerAuthentication").putObject("mtls").put("enabled", false);
    return ArmResponse.ok(body);
  }

  /** The default domain of {@code rg}'s environment: what its apps see as CONTAINER_APP_ENV_DNS_SUFFIX. */
  public static String defaultDomain(String rg) {
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
