package com.arcal.controller.leader;

/**
 * Which replica of the orchestrator leads: only the leader reconciles, every replica serves the
 * API. At most one replica is leader at any instant; {@link #isLeader()} turns false on its own
 * (without waiting for any thread) once leadership can no longer be proven.
 */
public interface LeaderElector extends AutoCloseable {

  /** Starts competing for leadership (in the background; returns at once). */
  void start();

  /** True while this replica may act as leader. Cheap; callers check it before each step. */
  boolean isLeader();

  /**
   * Told of every change of {@link #isLeader()} (gain and loss), in order, from the elector's
   * thread; must return quickly.
   */
  void addListener(LeadershipListener listener);

  /** Who this replica is in logs and status (e.g. the lease id). */
  String identity();

  /** Stops competing and gives leadership up at once (a blob lease is released). */
  @Override
  void close();
}
