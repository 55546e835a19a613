package com.arcal.emulator.arm;

import com.arcal.emulator.http.ArmCall;
import com.arcal.emulator.http.ArmResponse;
import com.arcal.emulator.http.Json;
import com.arcal.emulator.state.ArmState;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The managed environments' ARM surface: get, list by resource group and by subscription (REST
 * reference "Managed Environments - Get / List By Resource Group / List By Subscription"), and
 * each environment's core usage ("Managed Environment Usages - List").
 */
public final class EnvironmentsApi {
  /** The usage's name as Azure reports it; the quota of the same name is raised by request. */
  public static final String CORES_USAGE = "ManagedEnvironmentConsumptionCores";

  private final Environments environments;
  private final ArmState state;

  public EnvironmentsApi(Environments environments, ArmState state) {
    this.environments = environments;
    this.state = state;
  }

  /** {@code GET .../managedEnvironments/{env}}. */
  public ArmResponse get(ArmCall call) {
    return ArmResponse.ok(render(resolve(call)));
  }

  /** {@code GET .../resourceGroups/{rg}/providers/Microsoft.App/managedEnvironments}. */
  public ArmResponse listByResourceGroup(ArmCall call) {
    String rg = environments.requireResourceGroup(call.param("rg"));
    return ArmResponse.ok(list(environments.in(call.param("sub"), rg)));
  }

  /** {@code GET /subscriptions/{sub}/providers/Microsoft.App/managedEnvironments}. */
  public ArmResponse listBySubscription(ArmCall call) {
    return ArmResponse.ok(list(environments.in(call.param("sub"))));
  }

  /**
   * {@code GET .../managedEnvironments/{env}/usages}: one usage, the environment's cores, in the
   * shape of the REST reference's example ({@code ManagedEnvironmentUsages_List.json}).
   */
  public ArmResponse usages(ArmCall call) {
    Environments.Resolved env = resolve(call);
    double used = state.transact(tx -> tx.coresIn(env.id()));
    ObjectNode body = Json.object();
    ObjectNode usage = body.putArray("value").addObject();
    putNumber(usage, "currentValue", used);
    usage.put("limit", env.coreLimit());
    usage
        .putObject("name")
        .put("localizedValue", "Managed Environment Consumption Cores")
        .put("value", CORES_USAGE);
    usage.put("unit", "Count");
    return ArmResponse.ok(body);
  }

  private Environments.Resolved resolve(ArmCall call) {
    String rg = environments.requireResourceGroup(call.param("rg"));
    return environments.require(call.param("sub"), rg, call.param("env"));
  }

  /** A list as ARM pages it; the environments are few, so always one page without nextLink. */
  private ObjectNode list(List<Environments.Resolved> all) {
    ObjectNode body = Json.object();
    ArrayNode value = body.putArray("value");
    all.forEach(env -> value.add(render(env)));
    return body;
  }

  private ObjectNode render(Environments.Resolved env) {
    ObjectNode body = Json.object();
    body.put("id", env.id());
    body.put("name", env.name());
    body.put("type", ResourceIds.ENVIRONMENT_TYPE);
    body.put("location", LocationNames.displayName(environments.location()));
    ObjectNode props = body.putObject("properties");
    props.put("provisioningState", "Succeeded");
    props.put("defaultDomain", env.defaultDomain());
    props.put("staticIp", "127.0.0.1");
    props.put("zoneRedundant", false);
    // As Azure answers: a workload-profiles environment lists its profiles, the built-in
    // Consumption one included; a Consumption-only environment has none (REST reference
    // ManagedEnvironments_Get, the real recording of a Consumption-only environment).
    if (!env.workloadProfiles().isEmpty()) {
      ArrayNode profiles = props.putArray("workloadProfiles");
      env.workloadProfiles()
          .forEach(p -> profiles.addObject().put("name", p).put("workloadProfileType", p));
    }
    props.putObject("peerAuthentication").putObject("mtls").put("enabled", false);
    return body;
  }

  /** A whole number without a fraction ({@code 10}, not {@code 10.0}), as Azure writes it. */
  private static void putNumber(ObjectNode node, String field, double value) {
    double rounded = Math.rint(value * 1e6) / 1e6;
    if (rounded == Math.rint(rounded) && Math.abs(rounded) < Long.MAX_VALUE) {
      node.put(field, (long) rounded);
    } else {
      node.put(field, rounded);
    }
  }
}
