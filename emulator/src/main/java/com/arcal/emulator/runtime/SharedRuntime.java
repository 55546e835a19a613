package com.arcal.emulator.runtime;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * The cheap runtime for scale tests ({@code EMULATOR_RUNTIME=shared}): one gRPC server and one
 * WebSocket listener for all apps, bound on the wildcard address of the engines' ports and
 * reached on every app's own loopback address, answering the engine contract per app (StartSale,
 * GetSale, StopSale, the token check, gRPC health, buyers, /healthz). Ten thousand apps cost ten
 * thousand small objects, not ten thousand servers. It owns the engines' ports on the whole
 * machine while it runs, so nothing else may listen on them (another emulator's engines).
 */
final class SharedRuntime implements ContainerRuntime {
  private final SharedEngines engines;
  private final Supervisor supervisor;

  SharedRuntime(RuntimeSettings settings, Clock clock, RandomGenerator random) {
    this.engines = new SharedEngines(clock);
    this.supervisor =
        new Supervisor(
            (spec, replicaName) -> new SharedEngineContainer(engines, engines.start(spec)),
            ReplicaObserver.NONE,
            settings,
            clock,
            random,
            new SharedProbes(engines));
  }

  /** Apps do not bind their own address: the shared listeners hold the ports for all of them. */
  @Override
  public boolean bindsAppPorts() {
    return false;
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
    engines.close();
  }
}
