package com.arcal.emulator.runtime;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Runs every app as a reference engine inside this JVM, whatever its image, so that benchmarks
 * with thousands of apps are not limited by starting JVMs. Each engine binds the app's own
 * loopback address with the app's real ports. Engines die with this JVM, so nothing is recorded
 * and nothing can be left behind.
 */
final class InProcessRuntime implements ContainerRuntime {

  private final Supervisor supervisor;

  InProcessRuntime(RuntimeSettings settings, Clock clock, RandomGenerator random) {
    this.supervisor = new Supervisor(
        (spec, replicaName) -> EngineContainer.start(spec), ReplicaObserver.NONE, settings, clock, random);
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
