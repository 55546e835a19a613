package com.arcal.emulator.runtime;

import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * The cheap runtime for scale tests ({@code EMULATOR_RUNTIME=shared}): one gRPC server and one
 * WebSocket listener for all apps, bound on the wildcard address of the engines' ports and
 * reached on every app's own loopback address, answering the engine contract per app (StartSale,
 * GetSale, StopSale, the token check, gRPC health, buyers, /healthz). Ten thousand apps cost ten
 * thousand small objects, not ten thousand servers. It owns the engines' ports on the whole
 * machine while it runs, so nothing else may listen on them (another emulator's engines).
 */
final class SharedRuntime extends SupervisedRuntime {
  private final SharedEngines engines;

  SharedRuntime(RuntimeSettings settings, Clock clock, RandomGenerator random) {
    this(new SharedEngines(clock), settings, clock, random);
  }

  private SharedRuntime(
      SharedEngines engines, RuntimeSettings settings, Clock clock, RandomGenerator random) {
    super(
        new Supervisor(
            (spec, replicaName) -> new SharedEngineContainer(engines, engines.start(spec)),
            ReplicaObserver.NONE,
            settings,
            clock,
            random,
            new SharedProbes(engines)));
    this.engines = engines;
  }

  /** Apps do not bind their own address: the shared listeners hold the ports for all of them. */
  @Override
  public boolean bindsAppPorts() {
    return false;
  }

  @Override
  public void close() {
    super.close();
    engines.close();
  }
}
