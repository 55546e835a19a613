package com.arcal.reliability.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The engine processes one emulator started, recognised by the marker the emulator puts on their
 * command line ({@code -Darcal.emulator.app=<app> -Darcal.emulator.data=<dir>}).
 */
public final class EngineProcesses {
  private final String dataMarker;

  public EngineProcesses(Path emulatorData) {
    this.dataMarker = "-Darcal.emulator.data=" + emulatorData.toAbsolutePath().normalize();
  }

  public List<ProcessHandle> all() {
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().orElse("").contains(dataMarker))
        .toList();
  }

  public Optional<ProcessHandle> of(String app) {
    String appMarker = "-Darcal.emulator.app=" + app + " ";
    return all().stream()
        .filter(p -> p.info().commandLine().orElse("").contains(appMarker))
        .findFirst();
  }

  /** Sends a POSIX signal (STOP, CONT) with kill(1); Java has no API for these. */
  public static void signal(ProcessHandle process, String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
          .inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Kills every engine left (a failed test must not leave processes behind). */
  public void killAll() {
    for (ProcessHandle p : all()) {
      p.destroyForcibly(); // SIGKILL ends a stopped process too
    }
  }
}
