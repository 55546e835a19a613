package com.arcal.emulator.runtime;

import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * Runs every app as a reference engine inside this JVM, whatever its image, so that benchmarks
 * with thousands of apps are not limited by starting JVMs. Each engine binds the app's own
 * loopback address with the app's real ports. Engines die with this JVM, so nothing is recorded
 * and nothing can be left behind.
 */
final class InProcessRuntime extends SupervisedRuntime {

  InProcessRuntime(RuntimeSettings settings, Clock clock, RandomGenerator random) {
    super(new Supervisor(
        (spec, replicaName) -> EngineContainer.start(spec), ReplicaObserver.NONE, settings, clock, random));
  }
}
