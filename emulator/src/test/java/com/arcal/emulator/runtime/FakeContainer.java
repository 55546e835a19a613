package com.arcal.emulator.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** A container instance under the test's control: ready on demand, dies on demand. */
final class FakeContainer implements Container {

  final ContainerSpec spec;
  final String replicaName;
  final AtomicBoolean ready = new AtomicBoolean();
  final AtomicBoolean ignoresTerminate = new AtomicBoolean();
  final AtomicBoolean terminated = new AtomicBoolean();
  final AtomicBoolean killed = new AtomicBoolean();
  private final CompletableFuture<String> exit = new CompletableFuture<>();

  FakeContainer(ContainerSpec spec, String replicaName, boolean readyAtOnce) {
    this.spec = spec;
    this.replicaName = replicaName;
    ready.set(readyAtOnce);
  }

  /** Dies on its own, as a crashing container does. */
  void die(String reason) {
    exit.complete(reason);
  }

  @Override
  public CompletableFuture<String> onExit() {
    return exit;
  }

  @Override
  public boolean isAlive() {
    return !exit.isDone();
  }

  @Override
  public boolean isReady() {
    return ready.get();
  }

  @Override
  public void terminate() {
    terminated.set(true);
    if (!ignoresTerminate.get()) {
      exit.complete("Stopped");
    }
  }

  @Override
  public void kill() {
    killed.set(true);
    exit.complete("Killed");
  }
}
