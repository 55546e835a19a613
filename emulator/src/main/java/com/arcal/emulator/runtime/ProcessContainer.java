package com.arcal.emulator.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A container instance that is an OS process, started by this JVM or adopted from an earlier run. */
final class ProcessContainer implements Container {

  private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);

  private final ProcessHandle process;
  private final CompletableFuture<String> exit;
  private final String host;
  private final List<Integer> ports;

  private ProcessContainer(ProcessHandle process, CompletableFuture<String> exit, ContainerSpec spec) {
    this.process = process;
    this.exit = exit;
    this.host = spec.bindHost();
    this.ports = spec.ports();
  }

  /** A child of this JVM: its exit code is known. */
  static ProcessContainer child(Process child, ContainerSpec spec) {
    return new ProcessContainer(
        child.toHandle(), child.onExit().thenApply(done -> exitReason(done.exitValue())), spec);
  }

  /** A process started by an earlier run of the emulator: only its death can be observed. */
  static ProcessContainer adopted(ProcessHandle process, ContainerSpec spec) {
    return new ProcessContainer(
        process,
        process.onExit().thenApply(done -> "Exited (exit code unknown: process adopted from an earlier run)"),
        spec);
  }

  /** Describes an exit code; the JDK reports a death by signal N as 128 + N. */
  static String exitReason(int exitCode) {
    if (exitCode > 128 && exitCode < 160) {
      return "Exit code " + exitCode + " (killed by signal " + (exitCode - 128) + ")";
    }
    return "Exit code " + exitCode;
  }

  @Override
  public CompletableFuture<String> onExit() {
    return exit;
  }

  @Override
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Ready once every port accepts: clients use them all (an engine binds them one after another). */
  @Override
  public boolean isReady() {
    return ports.stream().allMatch(port -> PortProbe.accepts(host, port, PROBE_TIMEOUT));
  }

  @Override
  public void terminate() {
    process.destroy();
  }

  @Override
  public void kill() {
    process.destroyForcibly();
  }

  @Override
  public Optional<ProcessHandle> process() {
    return Optional.of(process);
  }
}
