package com.arcal.emulator.runtime;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One started container instance: an OS process or an in-JVM engine. A crash-restart or a new
 * revision gets a new instance; the {@link Supervisor} owns the replica identity around them.
 */
interface Container {

  /** Completes, with a human-readable exit reason, once the instance is dead. */
  CompletableFuture<String> onExit();

  boolean isAlive();

  /** Whether the instance accepts connections on its ports; may block briefly. */
  boolean isReady();

  /** Asks for a graceful stop (SIGTERM, engine close); may block until that stop is done. */
  void terminate();

  /** Dies abruptly (SIGKILL, engine kill). */
  void kill();

  /**
   * Lets an instance whose death cannot be awaited notice it, completing {@link #onExit()}.
   * Called periodically by the supervisor; processes report their exit on their own.
   */
  default void poll() {}

  /** The OS process behind the instance, if there is one. */
  default Optional<ProcessHandle> process() {
    return Optional.empty();
  }
}
