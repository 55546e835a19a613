package com.arcal.emulator.arm;

import com.arcal.emulator.runtime.ReplicaStatus;
import java.util.Optional;

/**
 * A revision's health as Azure reports it, derived from its replica as the runtime sees it.
 *
 * @param healthState {@code Healthy}, {@code Unhealthy} or {@code None}
 * @param runningState {@code Running}, {@code Processing}, {@code Degraded}, {@code Failed} or
 *     {@code Stopped}
 * @param replicas how many replicas exist
 */
public record RevisionHealth(String healthState, String runningState, int replicas) {

  /**
   * Maps a replica to revision health: starting (not ready yet) is {@code Processing}; running and
   * ready is {@code Healthy}; running but failing its readiness probe, or crashed and waiting for
   * its restart, is {@code Unhealthy}/{@code Degraded}; gone for good, or missing although the
   * revision is active, is {@code Failed}.
   */
  public static RevisionHealth of(
      boolean active, boolean provisioned, Optional<ReplicaStatus> replica) {
    if (!provisioned) {
      return new RevisionHealth("Unhealthy", "Failed", 0);
    }
    if (!active) {
      return new RevisionHealth("None", "Stopped", 0);
    }
    if (replica.isEmpty()) {
      return new RevisionHealth("Unhealthy", "Failed", 0);
    }
    return switch (replica.get().state()) {
      case STARTING -> new RevisionHealth("None", "Processing", 1);
      case RUNNING -> replica.get().ready()
          ? new RevisionHealth("Healthy", "Running", 1)
          : new RevisionHealth("Unhealthy", "Degraded", 1);
      case WAITING -> new RevisionHealth("Unhealthy", "Degraded", 1);
      case TERMINATED -> new RevisionHealth("Unhealthy", "Failed", 0);
    };
  }

  /** Container state spelled as Azure's replica API spells it. */
  public static String containerState(ReplicaStatus.State state) {
    return switch (state) {
      case STARTING, RUNNING -> "Running";
      case WAITING -> "Waiting";
      case TERMINATED -> "Terminated";
    };
  }

  /** Replica state: {@code Running} while its container runs or starts, else {@code NotRunning}. */
  public static String replicaState(ReplicaStatus.State state) {
    return state == ReplicaStatus.State.STARTING || state == ReplicaStatus.State.RUNNING
        ? "Running"
        : "NotRunning";
  }
}
