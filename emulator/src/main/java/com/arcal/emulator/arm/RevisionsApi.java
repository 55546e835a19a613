package com.arcal.emulator.arm;

import com.arcal.emulator.http.ArmCall;
import com.arcal.emulator.http.ArmException;
import com.arcal.emulator.http.ArmResponse;
import com.arcal.emulator.http.Json;
import com.arcal.emulator.runtime.ContainerRuntime;
import com.arcal.emulator.runtime.ReplicaStatus;
import com.arcal.emulator.state.AppRecord;
import com.arcal.emulator.state.ArmState;
import com.arcal.emulator.state.RevisionRecord;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Revisions and replicas of an app, and revision restart. Health comes from the runtime at the time
 * of the request; the app resource never carries it (as in Azure).
 */
public final class RevisionsApi {
  private static final String REVISION_TYPE = "Microsoft.App/containerApps/revisions";

  private final ArmState state;
  private final Environments environments;
  private final ContainerRuntime runtime;
  private final RevisionRenderer renderer;

  public RevisionsApi(
      ArmState state,
      Environments environments,
      ContainerRuntime runtime,
      RevisionRenderer renderer) {
    this.state = state;
    this.environments = environments;
    this.runtime = runtime;
    this.renderer = renderer;
  }

  public ArmResponse list(ArmCall call) {
    AppRecord app = app(call);
    ObjectNode body = Json.object();
    ArrayNode value = body.putArray("value");
    for (RevisionRecord rev : app.revisions()) {
      value.add(renderer.revision(app, rev, replicaOf(app, rev)));
    }
    return ArmResponse.ok(body);
  }

  public ArmResponse get(ArmCall call) {
    AppRecord app = app(call);
    RevisionRecord rev = revision(app, call);
    return ArmResponse.ok(renderer.revision(app, rev, replicaOf(app, rev)));
  }

  public ArmResponse restart(ArmCall call) {
    AppRecord app = app(call);
    RevisionRecord rev = revision(app, call);
    if (!RevisionRenderer.isActive(app, rev)) {
      throw new ArmException(
          400,
          "ContainerAppRevisionNotActive",
          "Revision '" + rev.name() + "' is not active and cannot be restarted.");
    }
    runtime.restart(app.name());
    return ArmResponse.empty(200);
  }

  public ArmResponse listReplicas(ArmCall call) {
    AppRecord app = app(call);
    RevisionRecord rev = revision(app, call);
    ObjectNode body = Json.object();
    ArrayNode value = body.putArray("value");
    replicaOf(app, rev).ifPresent(r -> value.add(renderer.replica(app, rev, r)));
    return ArmResponse.ok(body);
  }

  public ArmResponse getReplica(ArmCall call) {
    AppRecord app = app(call);
    RevisionRecord rev = revision(app, call);
    String name = call.param("replica");
    ReplicaStatus replica =
        replicaOf(app, rev)
            .filter(r -> r.name().equalsIgnoreCase(name))
            .orElseThrow(
                () ->
                    ArmErrors.resourceNotFound(
                        REVISION_TYPE + "/replicas",
                        app.name() + "/" + rev.name() + "/" + name,
                        app.resourceGroup()));
    return ArmResponse.ok(renderer.replica(app, rev, replica));
  }

  private AppRecord app(ArmCall call) {
    String sub = call.param("sub");
    String rg = environments.requireResourceGroup(call.param("rg"));
    String name = call.param("name");
    return state.transact(tx -> AppWrites.find(tx, sub, rg, name));
  }

  private static RevisionRecord revision(AppRecord app, ArmCall call) {
    String name = call.param("revision");
    return app.revision(name)
        .orElseThrow(
            () ->
                ArmErrors.resourceNotFound(
                    REVISION_TYPE, app.name() + "/" + name, app.resourceGroup()));
  }

  /** The runtime's replica, if it belongs to this (active) revision. */
  private Optional<ReplicaStatus> replicaOf(AppRecord app, RevisionRecord rev) {
    if (!RevisionRenderer.isActive(app, rev)) {
      return Optional.empty();
    }
    return runtime.replica(app.name()).filter(r -> r.revisionName().equalsIgnoreCase(rev.name()));
  }
}
