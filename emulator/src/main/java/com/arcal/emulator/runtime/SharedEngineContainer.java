package com.arcal.emulator.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * A container instance that is one app's engine in {@link SharedEngines}: started when registered
 * there, gone once it is taken out. Like an in-process engine it has no exit to await: it reports
 * its own stop and kill.
 */
final class SharedEngineContainer implements Container {
  private final SharedEngines engines;
  private final AppEngine engine;
  private final CompletableFuture<String> exit = new CompletableFuture<>();

  SharedEngineContainer(SharedEngines engines, AppEngine engine) {
    this.engines = engines;
    this.engine = engine;
  }

  @Override
  public CompletableFuture<String> onExit() {
    return exit;
  }

  @Override
  public boolean isAlive() {
    return engine.isAlive();
  }

  /** The shared listeners were up before the engine was registered. */
  @Override
  public boolean isReady() {
    return engine.isAlive();
  }

  @Override
  public void terminate() {
    engine.close();
    engines.remove(engine);
    exit.complete("Stopped");
  }

  @Override
  public void kill() {
    engine.kill();
    engines.remove(engine);
    exit.complete("Engine killed");
  }
}
