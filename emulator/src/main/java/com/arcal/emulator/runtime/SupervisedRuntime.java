package com.arcal.emulator.runtime;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A runtime whose replicas a {@link Supervisor} keeps (start, restart on crash, probes): the
 * runtimes differ in how a replica runs (a process, an engine in this JVM, a slot of the shared
 * engine), not in how it is kept.
 */
abstract class SupervisedRuntime implements ContainerRuntime {
  protected final Supervisor supervisor;

  SupervisedRuntime(Supervisor supervisor) {
    this.supervisor = supervisor;
  }

  @Override
  public void ensureRunning(ContainerSpec spec) {
    supervisor.ensureRunning(spec);
  }

  @Override
  public void restart(String appName) {
    supervisor.restart(appName);
  }

  @Override
  public void remove(String appName) {
    supervisor.removeAll(List.of(appName));
  }

  @Override
  public Optional<ReplicaStatus> replica(String appName) {
    return supervisor.replica(appName);
  }

  @Override
  public void crash(String appName) {
    supervisor.crash(appName);
  }

  @Override
  public void retainOnly(Set<String> appNames) {
    supervisor.removeAll(supervisor.apps().stream()
        .filter(app -> !appNames.contains(app))
        .collect(Collectors.toSet()));
  }

  @Override
  public void close() {
    supervisor.close();
  }
}
