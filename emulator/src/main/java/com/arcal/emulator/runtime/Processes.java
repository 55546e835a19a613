package com.arcal.emulator.runtime;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops processes that no replica supervises (leftovers of earlier runs). */
final class Processes {

  private static final Logger LOG = LoggerFactory.getLogger(Processes.class);
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);

  private Processes() {}

  /** SIGTERM, SIGKILL after {@code grace} for those still alive; returns once all are dead. */
  static void stop(Collection<ProcessHandle> processes, Duration grace) {
    if (processes.isEmpty()) {
      return;
    }
    LOG.info("Stopping {} process(es) left by an earlier run: {}", processes.size(),
        processes.stream().map(ProcessHandle::pid).toList());
    processes.forEach(ProcessHandle::destroy);
    if (!awaitDeath(processes, grace)) {
      processes.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
      if (!awaitDeath(processes, KILL_WAIT)) {
        LOG.warn("Processes still alive after SIGKILL: {}",
            processes.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList());
      }
    }
  }

  private static boolean awaitDeath(Collection<ProcessHandle> processes, Duration timeout) {
    CompletableFuture<?>[] deaths =
        processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(deaths).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }
}
