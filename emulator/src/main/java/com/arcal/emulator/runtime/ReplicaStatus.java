package com.arcal.emulator.runtime;

import java.time.Instant;

/**
 * One replica as the runtime last saw it.
 *
 * @param name replica name, {@code <revision>-<suffix>} like Azure's
 * @param revisionName the revision it runs
 * @param state what the container is doing now
 * @param restartCount restarts since the replica was created (crashes and revision restarts)
 * @param createdAt when the replica was created
 * @param lastExitReason why the container last stopped, or null if it never did
 */
public record ReplicaStatus(
    String name,
    String revisionName,
    State state,
    int restartCount,
    Instant createdAt,
    String lastExitReason) {

  /** Container states; Azure reports them as {@code Running}, {@code Waiting}, {@code Terminated}. */
  public enum State {
    /** Started, its ports not accepting connections yet. */
    STARTING,
    /** Alive and accepting connections on its ports. */
    RUNNING,
    /** Died; waiting for the backoff to pass before the next restart. */
    WAITING,
    /** Stopped for good (removed, or the runtime is closing). */
    TERMINATED
  }
}
