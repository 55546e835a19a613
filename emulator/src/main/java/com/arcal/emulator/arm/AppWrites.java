package com.arcal.emulator.arm;

import com.arcal.emulator.http.ArmCall;
import com.arcal.emulator.http.ArmResponse;
import com.arcal.emulator.http.Json;
import com.arcal.emulator.lro.Operation;
import com.arcal.emulator.lro.OperationScheduler;
import com.arcal.emulator.state.AppRecord;
import com.arcal.emulator.state.ArmState;
import com.arcal.emulator.state.DesiredSpec;
import com.arcal.emulator.state.ProvisioningState;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * PUT, PATCH and DELETE of a container app: validate, record the new desired state with an
 * operation, answer at once (201/202) and let the operation complete in the background.
 */
public final class AppWrites {
  private final ArmState state;
  private final Environments environments;
  private final SpecNormalizer normalizer;
  private final CoreQuota quota;
  private final OperationStarter starter;
  private final OperationScheduler scheduler;
  private final AppRenderer renderer;
  private final ArmConfig config;

  public AppWrites(
      ArmState state,
      Environments environments,
      OperationStarter starter,
      OperationScheduler scheduler,
      AppRenderer renderer,
      ArmConfig config) {
    this.state = state;
    this.environments = environments;
    this.normalizer = new SpecNormalizer(environments);
    this.quota = new CoreQuota(environments);
    this.starter = starter;
    this.scheduler = scheduler;
    this.renderer = renderer;
    this.config = config;
  }

  /** What a write transaction decided. */
  private record Decision(AppRecord app, Optional<Operation> operation) {}

  public ArmResponse put(ArmCall call) {
    String sub = call.param("sub");
    String rg = environments.requireResourceGroup(call.param("rg"));
    String name = call.param("name");
    AppNames.require(name);
    DesiredSpec desired = normalizer.normalize(parse(call));
    Decision decision =
        state.transact(
            tx -> {
              Optional<AppRecord> existing = tx.app(name);
              existing.ifPresent(app -> requireWritable(app, sub, rg));
              if (existing.isPresent() && unchanged(existing.get(), desired)) {
                return new Decision(existing.get(), Optional.empty());
              }
              quota.require(tx, existing, desired);
              OperationStarter.Started started =
                  starter.provision(tx, existing, sub, rg, name, desired, call.failOperation());
              return new Decision(started.app(), Optional.of(started.operation()));
            });
    if (decision.operation().isEmpty()) {
      return ArmResponse.ok(renderer.render(decision.app()));
    }
    Operation op = schedule(decision.operation().get());
    return ArmResponse.json(201, renderer.render(decision.app()))
        .withHeader("Azure-AsyncOperation", statusUrl(call, op))
        .withHeader("Retry-After", retryAfter(op))
        .withHeader("x-ms-async-operation-timeout", "PT15M");
  }

  public ArmResponse patch(ArmCall call) {
    String sub = call.param("sub");
    String rg = environments.requireResourceGroup(call.param("rg"));
    String name = call.param("name");
    JsonNode patch = parse(call);
    if (!patch.isObject()) {
      throw ArmErrors.invalidContent("a JSON merge patch for a container app must be an object");
    }
    Decision decision =
        state.transact(
            tx -> {
              AppRecord app = find(tx, sub, rg, name);
              requireWritable(app, sub, rg);
              JsonNode merged = JsonTrees.mergePatch(writableBody(app.spec()), patch);
              DesiredSpec desired = normalizer.normalize(merged);
              if (unchanged(app, desired)) {
                return new Decision(app, Optional.empty());
              }
              quota.require(tx, Optional.of(app), desired);
              OperationStarter.Started started =
                  starter.provision(
                      tx, Optional.of(app), sub, rg, name, desired, call.failOperation());
              return new Decision(started.app(), Optional.of(started.operation()));
            });
    if (decision.operation().isEmpty()) {
      return ArmResponse.ok(renderer.render(decision.app()));
    }
    Operation op = schedule(decision.operation().get());
    return ArmResponse.empty(202)
        .withHeader("Location", resultUrl(call, op))
        .withHeader("Azure-AsyncOperation", statusUrl(call, op))
        .withHeader("Retry-After", retryAfter(op));
  }

  public ArmResponse delete(ArmCall call) {
    String sub = call.param("sub");
    String rg = environments.requireResourceGroup(call.param("rg"));
    String name = call.param("name");
    Optional<Operation> started =
        state.transact(
            tx -> {
              Optional<AppRecord> app = tx.app(name).filter(a -> inScope(a, sub, rg));
              if (app.isEmpty()) {
                return Optional.empty();
              }
              if (app.get().operationId() != null) {
                // A repeated DELETE joins the deletion in flight; anything else conflicts.
                Optional<Operation> current = tx.operation(app.get().operationId());
                if (current.isPresent() && current.get().type() == Operation.Type.DELETE) {
                  return current;
                }
                throw ArmErrors.lockConflict(name);
              }
              return Optional.of(starter.delete(tx, app.get(), call.failOperation()).operation());
            });
    if (started.isEmpty()) {
      return ArmResponse.empty(204);
    }
    Operation op = schedule(started.get());
    return ArmResponse.empty(202)
        .withHeader("Location", resultUrl(call, op))
        .withHeader("Retry-After", retryAfter(op));
  }

  /** The app {@code name} in this subscription and resource group, or ARM's 404. */
  static AppRecord find(ArmState.Tx tx, String sub, String rg, String name) {
    return tx.app(name)
        .filter(a -> inScope(a, sub, rg))
        .orElseThrow(() -> ArmErrors.resourceNotFound(ResourceIds.APP_TYPE, name, rg));
  }

  static boolean inScope(AppRecord app, String sub, String rg) {
    return app.subscription().equalsIgnoreCase(sub) && app.resourceGroup().equalsIgnoreCase(rg);
  }

  private static void requireWritable(AppRecord app, String sub, String rg) {
    if (!inScope(app, sub, rg)) {
      throw ArmErrors.nameInUse(app.name(), app.resourceGroup());
    }
    if (app.operationId() != null) {
      throw ArmErrors.lockConflict(app.name());
    }
  }

  private static boolean unchanged(AppRecord app, DesiredSpec desired) {
    return app.provisioningState() == ProvisioningState.Succeeded
        && app.spec().sameDesiredState(desired);
  }

  /** The writable body a merge patch applies to. */
  private static ObjectNode writableBody(DesiredSpec spec) {
    ObjectNode body = Json.object();
    body.put("location", spec.location());
    body.set("tags", spec.tags().deepCopy());
    body.set("identity", spec.identity().deepCopy());
    ObjectNode props = body.putObject("properties");
    props.put("managedEnvironmentId", spec.environmentId());
    if (spec.workloadProfileName() != null) {
      props.put("workloadProfileName", spec.workloadProfileName());
    }
    props.set("configuration", spec.configuration().deepCopy());
    props.set("template", spec.template().deepCopy());
    return body;
  }

  private static JsonNode parse(ArmCall call) {
    try {
      return Json.parse(call.request().body());
    } catch (Json.InvalidJsonException e) {
      throw ArmErrors.invalidContent(e.getMessage());
    }
  }

  private Operation schedule(Operation op) {
    scheduler.schedule(op);
    return op;
  }

  private String retryAfter(Operation op) {
    return Long.toString(
        ArmConfig.retryAfterSeconds(
            op.type() == Operation.Type.DELETE
                ? config.deletionDelay()
                : config.provisioningDelay()));
  }

  private static String statusUrl(ArmCall call, Operation op) {
    return ResourceIds.operationStatusUrl(
        call.request().baseUrl(),
        op.subscription(),
        op.location(),
        op.id(),
        call.request().apiVersion());
  }

  private static String resultUrl(ArmCall call, Operation op) {
    return ResourceIds.operationResultUrl(
        call.request().baseUrl(),
        op.subscription(),
        op.location(),
        op.id(),
        call.request().apiVersion());
  }
}
