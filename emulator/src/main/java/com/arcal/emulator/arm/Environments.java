package com.arcal.emulator.arm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configured resource groups and their managed environments: the same configured names (by
 * default only {@code arcal-env}) in every resource group of every subscription, always
 * provisioned, each with the same core limit. Each is of one of Azure's two environment types:
 * workload profiles (the default, with the built-in {@code Consumption} profile), or
 * Consumption-only (legacy: no workload profiles at all), chosen per resource group.
 */
public final class Environments {
  /** The name Azure gives the built-in Consumption profile of a workload-profiles environment. */
  public static final String CONSUMPTION_PROFILE = "Consumption";

  /** Azure's default core quota of an environment (Quotas for Azure Container Apps). */
  public static final int DEFAULT_CORES = 100;

  // Lower-case name -> name as configured.
  private final Map<String, String> groups = new LinkedHashMap<>();
  private final Map<String, String> names = new LinkedHashMap<>();
  /** Lower-case names of the groups whose environments are Consumption-only. */
  private final Set<String> consumptionOnly = new HashSet<>();
  private final String location;
  private final int coreLimit;

  /** One workload-profiles environment, {@code arcal-env}, of 100 cores per resource group. */
  public Environments(List<String> resourceGroups, String location) {
    this(resourceGroups, List.of(ResourceIds.ENVIRONMENT_NAME), location, List.of(), DEFAULT_CORES);
  }

  /**
   * @param environmentNames the environments of every resource group
   * @param consumptionOnlyGroups the resource groups whose environments are Consumption-only
   *     (validated by EmulatorSettings to be among {@code resourceGroups})
   * @param coreLimit the cores each environment's apps may hold together
   */
  public Environments(
      List<String> resourceGroups,
      List<String> environmentNames,
      String location,
      List<String> consumptionOnlyGroups,
      int coreLimit) {
    resourceGroups.forEach(rg -> groups.put(rg.toLowerCase(Locale.ROOT), rg));
    environmentNames.forEach(n -> names.put(n.toLowerCase(Locale.ROOT), n));
    consumptionOnlyGroups.forEach(rg -> consumptionOnly.add(rg.toLowerCase(Locale.ROOT)));
    this.location = location;
    this.coreLimit = coreLimit;
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
   * The environment {@code env} of {@code rg} (both already known to exist as a group), or ARM's
   * 404 {@code ResourceNotFound}, as Azure answers a GET of a missing resource.
   */
  public Resolved require(String sub, String rg, String env) {
    String name = names.get(env.toLowerCase(Locale.ROOT));
    if (name == null) {
      throw ArmErrors.resourceNotFound(ResourceIds.ENVIRONMENT_TYPE, env, rg);
    }
    return resolved(sub, rg, name);
  }

  /** Every environment of {@code rg} in {@code sub}, in configured order. */
  public List<Resolved> in(String sub, String rg) {
    return names.values().stream().map(n -> resolved(sub, rg, n)).toList();
  }

  /** Every environment of {@code sub}: each resource group's, groups in configured order. */
  public List<Resolved> in(String sub) {
    List<Resolved> all = new ArrayList<>();
    groups.values().forEach(rg -> all.addAll(in(sub, rg)));
    return all;
  }

  public String location() {
    return location;
  }

  /** The default domain of every environment there is (the same in every subscription). */
  public List<String> defaultDomains() {
    List<String> all = new ArrayList<>();
    groups.values().forEach(rg -> names.values().forEach(env -> all.add(defaultDomain(rg, env))));
    return all;
  }

  /**
   * A managed environment reference resolved to the environment it names.
   *
   * @param workloadProfiles the names of its workload profiles; empty for a Consumption-only one
   * @param coreLimit the cores its apps may hold together
   */
  public record Resolved(
      String id,
      String name,
      String resourceGroup,
      String defaultDomain,
      List<String> workloadProfiles,
      int coreLimit) {
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
   * Resolves an app's {@code environmentId}: it must name a configured environment in a
   * configured resource group, else 404 {@code ManagedEnvironmentNotFound}, as Azure answers for
   * an environment that does not exist.
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
    String rg = groups.get(parts.get()[1].toLowerCase(Locale.ROOT));
    String name = names.get(parts.get()[2].toLowerCase(Locale.ROOT));
    if (rg == null || name == null) {
      throw ArmErrors.managedEnvironmentNotFound(environmentId);
    }
    return resolved(parts.get()[0], rg, name);
  }

  private Resolved resolved(String sub, String rg, String name) {
    return new Resolved(
        ResourceIds.environment(sub, rg, name),
        name,
        rg,
        defaultDomain(rg, name),
        profiles(rg),
        coreLimit);
  }

  /** The workload profiles of {@code rg}'s environments: none when they are Consumption-only. */
  private List<String> profiles(String rg) {
    return consumptionOnly.contains(rg.toLowerCase(Locale.ROOT))
        ? List.of()
        : List.of(CONSUMPTION_PROFILE);
  }

  /** The default domain of the environment {@code environmentId} names, without validation. */
  public String defaultDomainOf(String environmentId) {
    return parse(environmentId).map(p -> defaultDomain(p[1], p[2])).orElse("arcal.localhost");
  }

  /**
   * The default domain of {@code rg}'s {@code arcal-env}: what its apps see as
   * CONTAINER_APP_ENV_DNS_SUFFIX.
   */
  public static String defaultDomain(String rg) {
    return label(rg, "rg") + ".arcal.localhost";
  }

  /**
   * The default domain of the environment {@code env} of {@code rg}: {@code <rg>.arcal.localhost}
   * for {@code arcal-env} (as before there were several), {@code <env>.<rg>.arcal.localhost} for
   * any other, so that no two environments share a domain, as in Azure.
   */
  public static String defaultDomain(String rg, String env) {
    return env.equalsIgnoreCase(ResourceIds.ENVIRONMENT_NAME)
        ? defaultDomain(rg)
        : label(env, "env") + "." + defaultDomain(rg);
  }

  private static String label(String name, String fallback) {
    String label =
        name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
    return label.isEmpty() ? fallback : label;
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
