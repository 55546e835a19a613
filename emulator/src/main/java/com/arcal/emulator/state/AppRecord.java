package com.arcal.emulator.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the emulator knows about one container app.
 *
 * @param name the app name (lower case, unique in the emulator)
 * @param subscription the subscription it was created in, as first sent
 * @param resourceGroup its resource group, as first sent
 * @param spec the desired spec last accepted
 * @param provisioningState where its last operation left it
 * @param latestRevisionName newest revision, "" before the first provisioning completed
 * @param latestReadyRevisionName newest revision that provisioned successfully, or ""
 * @param pendingRevisionName the revision the in-flight operation provisions, or null
 * @param bindHost the loopback address reserved for the app
 * @param revisions revision history, oldest first
 * @param operationId the in-flight operation, or null; while set, other writes are refused
 * @param createdAt creation time
 * @param lastModifiedAt last accepted write
 */
public record AppRecord(
    String name,
    String subscription,
    String resourceGroup,
    DesiredSpec spec,
    ProvisioningState provisioningState,
    String latestRevisionName,
    String latestReadyRevisionName,
    String pendingRevisionName,
    String bindHost,
    List<RevisionRecord> revisions,
    String operationId,
    Instant createdAt,
    Instant lastModifiedAt) {

  public AppRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(subscription, "subscription");
    Objects.requireNonNull(resourceGroup, "resourceGroup");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(provisioningState, "provisioningState");
    Objects.requireNonNull(latestRevisionName, "latestRevisionName");
    Objects.requireNonNull(latestReadyRevisionName, "latestReadyRevisionName");
    Objects.requireNonNull(bindHost, "bindHost");
    revisions = List.copyOf(revisions);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastModifiedAt, "lastModifiedAt");
  }

  /** The revision the app's replica runs (the latest ready one), if any. */
  public Optional<RevisionRecord> readyRevision() {
    return revision(latestReadyRevisionName);
  }

  public Optional<RevisionRecord> revision(String revisionName) {
    return revisions.stream().filter(r -> r.name().equalsIgnoreCase(revisionName)).findFirst();
  }

  /** The same record with another spec (e.g. its secrets sealed for disk). */
  public AppRecord withSpec(DesiredSpec newSpec) {
    return new AppRecord(name, subscription, resourceGroup, newSpec, provisioningState, latestRevisionName,
        latestReadyRevisionName, pendingRevisionName, bindHost, revisions, operationId, createdAt,
        lastModifiedAt);
  }

  /** This app after a write was accepted: new spec, an operation in flight. */
  public AppRecord accepted(DesiredSpec newSpec, String revisionName, String opId, Instant at) {
    return new AppRecord(
        name,
        subscription,
        resourceGroup,
        newSpec,
        ProvisioningState.InProgress,
        latestRevisionName,
        latestReadyRevisionName,
        revisionName,
        bindHost,
        revisions,
        opId,
        createdAt,
        at);
  }

  /** This app while a deletion is in flight. */
  public AppRecord deleting(String opId, Instant at) {
    return new AppRecord(
        name,
        subscription,
        resourceGroup,
        spec,
        ProvisioningState.Deleting,
        latestRevisionName,
        latestReadyRevisionName,
        pendingRevisionName,
        bindHost,
        revisions,
        opId,
        createdAt,
        at);
  }

  /** This app once its operation ended; {@code revision} joins the history unless null. */
  public AppRecord settled(ProvisioningState state, RevisionRecord revision, int keepRevisions) {
    List<RevisionRecord> history = new ArrayList<>(revisions);
    String latest = latestRevisionName;
    String ready = latestReadyRevisionName;
    if (revision != null) {
      history.removeIf(r -> r.name().equalsIgnoreCase(revision.name()));
      history.add(revision);
      latest = revision.name();
      if (revision.provisioned()) {
        ready = revision.name();
      }
      while (history.size() > keepRevisions) {
        history.remove(0);
      }
    }
    return new AppRecord(
        name,
        subscription,
        resourceGroup,
        spec,
        state,
        latest,
        ready,
        null,
        bindHost,
        history,
        null,
        createdAt,
        lastModifiedAt);
  }
}
