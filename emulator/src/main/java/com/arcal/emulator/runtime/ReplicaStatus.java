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
 * @param ready whether its readiness probe passes (true as soon as it runs, without one); only
 *     ever true while RUNNING
 */
public record ReplicaStatus(
    String name,
    String revisionName,
    State state,
    int restartCount,
    Instant createdAt,
    String lastExitReason,
    boolean ready) {

  public ReplicaStatus {
    if (ready && state != State.RUNNING) {
      throw new IllegalArgumentException("only a RUNNING replica can be ready, not a " + state + " one");
    }
  }

  /** A replica that is ready exactly when it is RUNNING (no readiness probe says otherwise). */
  public ReplicaStatus(String name, String revisionName, State state, int restartCount, Instant createdAt,
      String lastExitReason) {
    this(name, revisionName, state, restartCount, createdAt, lastExitReason, state == State.RUNNING);
  }

  /** Container states; Azure reports them as {@code Running}, {@code Waiting}, {@code Terminated}. */
  public enum State {
    /**
     * Started, and not ready yet: its startup probe has not passed (without one: its ports do not
     * all accept connections yet), or its readiness probe has not passed yet.
     */
    STARTING,
    /** Has been ready since it started; whether it still is, is {@link ReplicaStatus#ready()}. */
    RUNNING,
    /** Died; waiting for the backoff to pass before the next restart. */
    WAITING,
    /** Stopped for good (removed, or the runtime is closing). */
    TERMINATED
  }
}
