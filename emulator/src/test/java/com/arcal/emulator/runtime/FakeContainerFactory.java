package com.arcal.emulator.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** Starts {@link FakeContainer}s and remembers them, newest last. */
final class FakeContainerFactory implements ContainerFactory {

  final List<FakeContainer> started = new CopyOnWriteArrayList<>();
  final AtomicBoolean failStarts = new AtomicBoolean();
  final AtomicBoolean readyAtOnce = new AtomicBoolean(true);
  final AtomicBoolean ignoreTerminate = new AtomicBoolean();

  @Override
  public Container start(ContainerSpec spec, String replicaName) {
    if (failStarts.get()) {
      throw new IllegalStateException("no such image");
    }
    FakeContainer container = new FakeContainer(spec, replicaName, readyAtOnce.get());
    container.ignoresTerminate.set(ignoreTerminate.get());
    started.add(container);
    return container;
  }

  FakeContainer last() {
    return started.get(started.size() - 1);
  }

  List<FakeContainer> alive() {
    return started.stream().filter(FakeContainer::isAlive).toList();
  }
}
