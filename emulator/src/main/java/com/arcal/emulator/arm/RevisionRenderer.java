package com.arcal.emulator.arm;

import com.arcal.emulator.http.Json;
import com.arcal.emulator.runtime.ReplicaStatus;
import com.arcal.emulator.state.AppRecord;
import com.arcal.emulator.state.RevisionRecord;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** Renders revision and replica resources, Azure's only view of a running app's health. */
public final class RevisionRenderer {
  private final Environments environments;

  public RevisionRenderer(Environments environments) {
    this.environments = environments;
  }

  /** Whether {@code rev} is the revision the app's replica should run. */
  static boolean isActive(AppRecord app, RevisionRecord rev) {
    return rev.provisioned() && rev.name().equalsIgnoreCase(app.latestReadyRevisionName());
  }

  public ObjectNode revision(AppRecord app, RevisionRecord rev, Optional<ReplicaStatus> replica) {
    boolean active = isActive(app, rev);
    RevisionHealth health = RevisionHealth.of(active, rev.provisioned(), replica);
    ObjectNode body = Json.object();
    body.put(
        "id",
        ResourceIds.revision(app.subscription(), app.resourceGroup(), app.name(), rev.name()));
    body.put("name", rev.name());
    body.put("type", "Microsoft.App/containerApps/revisions");
    ObjectNode props = body.putObject("properties");
    props.put("createdTime", rev.createdAt().toString());
    props.put("lastActiveTime", rev.createdAt().toString());
    String domain = environments.defaultDomainOf(app.spec().environmentId());
    props.put(
        "fqdn",
        app.spec().configuration().has("ingress") ? AppRenderer.host(rev.name(), app, domain) : "");
    props.set("template", rev.template().deepCopy());
    props.put("active", active);
    props.put("replicas", health.replicas());
    props.put("trafficWeight", active ? 100 : 0);
    props.putNull("provisioningError");
    props.put("healthState", health.healthState());
    props.put("provisioningState", rev.provisioned() ? "Provisioned" : "Failed");
    props.put("runningState", health.runningState());
    return body;
  }

  public ObjectNode replica(AppRecord app, RevisionRecord rev, ReplicaStatus status) {
    ObjectNode body = Json.object();
    body.put(
        "id",
        ResourceIds.replica(
            app.subscription(), app.resourceGroup(), app.name(), rev.name(), status.name()));
    body.put("name", status.name());
    body.put("type", "Microsoft.App/containerApps/revisions/replicas");
    ObjectNode props = body.putObject("properties");
    props.put("createdTime", status.createdAt().toString());
    props.put("runningState", RevisionHealth.replicaState(status.state()));
    String details = status.lastExitReason() == null ? "" : status.lastExitReason();
    props.put("runningStateDetails", details);
    ObjectNode container = props.putArray("containers").addObject();
    container.put("name", rev.template().path("containers").path(0).path("name").asText());
    container.put("containerId", "");
    container.put("ready", status.ready());
    container.put(
        "started",
        status.state() == ReplicaStatus.State.RUNNING
            || status.state() == ReplicaStatus.State.STARTING);
    container.put("restartCount", status.restartCount());
    container.put("runningState", RevisionHealth.containerState(status.state()));
    container.put("runningStateDetails", details);
    props.putArray("initContainers");
    return body;
  }
}
