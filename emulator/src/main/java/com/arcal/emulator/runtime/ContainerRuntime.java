package com.arcal.emulator.runtime;

import java.util.Optional;
import java.util.Set;

/**
 * Runs the "containers" behind the emulated Container Apps: one replica per app, the way Azure
 * runs a single-revision app scaled to one replica.
 *
 * <p>The ARM layer decides what should run (it owns app specs, revisions and addresses); a
 * runtime only makes it so and reports what it sees. Implementations supervise their replicas:
 * a replica that dies is restarted with backoff, and each restart is counted, as Azure does.
 */
public interface ContainerRuntime extends AutoCloseable {

  /**
   * Makes the app's single replica run {@code spec.revisionName()}. Idempotent: a replica already
   * running that revision is kept; one running another revision is replaced. Returns without
   * waiting for the container to become ready.
   */
  void ensureRunning(ContainerSpec spec);

  /** Restarts the app's replica in place (ARM's revision restart); no-op for an unknown app. */
  void restart(String appName);

  /**
   * Stops and forgets the app's replica: graceful stop, forced after the grace period.
   * Idempotent.
   */
  void remove(String appName);

  /** The app's replica as last observed, if the runtime has one. */
  Optional<ReplicaStatus> replica(String appName);

  /**
   * Makes the replica die abruptly, as a crashing container would (SIGKILL in process mode). The
   * supervisor then restarts it like any other crash. For tests and benchmarks.
   */
  void crash(String appName);

  /**
   * Stops every replica whose app is not in {@code appNames}, including processes left behind by a
   * previous run of the emulator that no known app owns. Called once after the emulator reloaded
   * its state and ensured every known app, so that no orphan survives a restart.
   */
  void retainOnly(Set<String> appNames);

  /**
   * Whether each app's replica binds its ports on the app's own address, so that the address
   * given to a new app must have them free. False for a runtime whose listeners serve every
   * address at once (the shared runtime's wildcard binds).
   */
  default boolean bindsAppPorts() {
    return true;
  }

  /** Stops every replica this runtime started; none survives it. */
  @Override
  void close();
}
