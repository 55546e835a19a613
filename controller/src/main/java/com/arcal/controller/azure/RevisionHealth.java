package com.arcal.controller.azure;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * ARM's own view of a revision's health: the revision's {@code healthState} ({@code Healthy},
 * {@code Unhealthy}, {@code None}), {@code runningState} ({@code Running}, {@code Processing},
 * {@code Stopped}, {@code Degraded}, {@code Failed}, {@code Unknown}) and replica count, and each
 * replica container's state as {@code listReplicas} reports it.
 *
 * @param healthState revision health as ARM spells it, empty when absent
 * @param runningState revision running state as ARM spells it, empty when absent
 * @param replicas how many replicas the revision has
 * @param containers the containers of every replica of the revision
 */
public record RevisionHealth(
    String healthState, String runningState, int replicas, List<ContainerState> containers) {

  public RevisionHealth {
    healthState = healthState == null ? "" : healthState;
    runningState = runningState == null ? "" : runningState;
    containers = List.copyOf(containers);
  }

  /**
   * One container of a replica.
   *
   * @param runningState {@code Running}, {@code Waiting} or {@code Terminated}
   * @param runningStateDetails why, in the platform's words (e.g. a failed liveness probe)
   */
  public record ContainerState(
      String name, boolean ready, boolean started, int restartCount, String runningState,
      String runningStateDetails) {
    public ContainerState {
      Objects.requireNonNull(name, "name");
      runningState = runningState == null ? "" : runningState;
      runningStateDetails = runningStateDetails == null ? "" : runningStateDetails;
    }
  }

  /** A healthy revision with one ready replica (tests, and what a fresh app looks like). */
  public static RevisionHealth healthy() {
    return new RevisionHealth(
        "Healthy", "Running", 1, List.of(new ContainerState("engine", true, true, 0, "Running", "")));
  }

  /** Restarts of all its containers together. */
  public int restarts() {
    return containers.stream().mapToInt(ContainerState::restartCount).sum();
  }

  /**
   * Why ARM itself says the engine is broken, or empty when it says it is fine: the revision is
   * {@code Unhealthy}, {@code Degraded}, {@code Failed} or {@code Stopped}, has no replica, or a
   * container is not ready or not running. {@code Processing} (starting) is not broken.
   */
  public Optional<String> broken() {
    if (healthState.equalsIgnoreCase("Unhealthy")) {
      return Optional.of("revision " + healthState + "/" + runningState + detail());
    }
    if (List.of("degraded", "failed", "stopped").contains(runningState.toLowerCase(Locale.ROOT))) {
      return Optional.of("revision " + runningState + detail());
    }
    if (runningState.equalsIgnoreCase("Processing")) {
      return Optional.empty();
    }
    if (replicas == 0 || containers.isEmpty()) {
      return Optional.of("revision has no replica");
    }
    for (ContainerState c : containers) {
      if (!c.ready() || !c.runningState().equalsIgnoreCase("Running")) {
        return Optional.of("container " + c.name() + " " + c.runningState()
            + (c.ready() ? "" : ", not ready") + ", restartCount " + c.restartCount() + detail());
      }
    }
    return Optional.empty();
  }

  private String detail() {
    return containers.stream()
        .map(ContainerState::runningStateDetails)
        .filter(d -> !d.isEmpty())
        .findFirst()
        .map(d -> ": " + d)
        .orElse("");
  }
}
