package com.arcal.emulator.runtime;

/** Starts container instances for the {@link Supervisor}. */
interface ContainerFactory {

  /**
   * Starts one instance of {@code spec}. Returns once it was started, not once it is ready.
   *
   * @param replicaName the replica the instance belongs to, for logs
   * @throws Exception when it cannot be started at all; the supervisor treats that as a crash
   */
  Container start(ContainerSpec spec, String replicaName) throws Exception;
}
