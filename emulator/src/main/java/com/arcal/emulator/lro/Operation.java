package com.arcal.emulator.lro;

import java.time.Instant;
import java.util.Objects;

/**
 * One ARM long-running operation on a container app, as its status URL reports it.
 *
 * @param id the operation id (a GUID), the last segment of its status and result URLs
 * @param type what it does
 * @param subscription subscription of the app (and of the status URL)
 * @param resourceGroup resource group of the app
 * @param appName the app it works on
 * @param location the app's location in URL form ({@code westeurope})
 * @param status where it stands
 * @param startTime when it was accepted
 * @param dueAt when it completes (the emulated provisioning or deletion latency)
 * @param endTime when it completed, or null
 * @param failPlanned fault injection decided at acceptance that it ends Failed
 * @param error the error it failed with, or null
 */
public record Operation(
    String id,
    Type type,
    String subscription,
    String resourceGroup,
    String appName,
    String location,
    Status status,
    Instant startTime,
    Instant dueAt,
    Instant endTime,
    boolean failPlanned,
    OperationError error) {

  /** Kinds of operation. */
  public enum Type {
    PROVISION,
    DELETE
  }

  /** ARM operation states, spelled as ARM spells them. */
  public enum Status {
    InProgress,
    Succeeded,
    Failed,
    Canceled
  }

  /** Why an operation failed: ARM's {@code error} object. */
  public record OperationError(String code, String message) {
    public OperationError {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }

  public Operation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(subscription, "subscription");
    Objects.requireNonNull(resourceGroup, "resourceGroup");
    Objects.requireNonNull(appName, "appName");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(dueAt, "dueAt");
    if (status == Status.Failed && error == null) {
      throw new IllegalArgumentException("a failed operation needs an error");
    }
  }

  public boolean inProgress() {
    return status == Status.InProgress;
  }

  public Operation succeeded(Instant at) {
    return new Operation(
        id,
        type,
        subscription,
        resourceGroup,
        appName,
        location,
        Status.Succeeded,
        startTime,
        dueAt,
        at,
        failPlanned,
        null);
  }

  public Operation failed(Instant at, OperationError why) {
    return new Operation(
        id,
        type,
        subscription,
        resourceGroup,
        appName,
        location,
        Status.Failed,
        startTime,
        dueAt,
        at,
        failPlanned,
        why);
  }
}
