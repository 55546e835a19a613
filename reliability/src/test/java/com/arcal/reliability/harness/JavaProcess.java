package com.arcal.reliability.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A jar run as a child process with a clean {@code ARCAL_*}/{@code AZURE_*}/{@code EMULATOR_*}
 * environment, its output (stdout and stderr) appended to a log file. Closing kills it.
 */
public final class JavaProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private JavaProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * @param prefix command words before {@code java} (e.g. {@code prlimit --fsize=...}), or none
   */
  public static JavaProcess start(
      List<String> prefix, List<String> jvmOptions, Path jar, Map<String, String> env, Path workDir,
      Path log) {
    List<String> command = new ArrayList<>(prefix);
    command.add(Repo.java());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectErrorStream(true);
    builder.environment().keySet().removeIf(
        k -> k.startsWith("ARCAL_") || k.startsWith("AZURE_") || k.startsWith("EMULATOR_"));
    builder.environment().putAll(env);
    try {
      Files.createDirectories(workDir);
      Process process = builder.start();
      drain(process, log);
      return new JavaProcess(process, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Copies the child's output into the log from this JVM, through a pipe: the child's own file
   * limits (a test may lower RLIMIT_FSIZE) then never apply to its log.
   */
  private static void drain(Process process, Path log) {
    Thread copier = new Thread(() -> {
      try (InputStream in = process.getInputStream();
          OutputStream out = Files.newOutputStream(log, StandardOpenOption.CREATE,
              StandardOpenOption.APPEND)) {
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // The child is gone: nothing more to copy.
      }
    }, "log-" + process.pid());
    copier.setDaemon(true);
    copier.start();
  }

  public Process process() {
    return process;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL, and wait for the process to be gone. */
  public void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("process " + process.pid() + " survived SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }
}
