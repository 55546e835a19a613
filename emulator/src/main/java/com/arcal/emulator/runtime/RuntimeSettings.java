package com.arcal.emulator.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the emulator runs containers.
 *
 * @param mode processes (one JVM per app) or lightweight engines inside this JVM
 * @param dataDir the emulator's data folder; the runtime keeps its own records and per-app logs
 *     below {@code <dataDir>/runtime}
 * @param imageCommands image to command line, e.g. {@code arcal/engine:local -> [java, -jar,
 *     /abs/engine/target/arcal-engine.jar]}; an image not listed cannot be run in process mode.
 *     Commands must start with a {@code java} launcher: the runtime marks each process by adding
 *     system properties right after it
 * @param stopGrace how long a graceful stop may take before the process is killed
 * @param restartBackoffBase first delay before restarting a crashed container (doubles per
 *     consecutive crash)
 * @param restartBackoffMax upper bound of that delay
 * @param probeInterval how often a starting container's first port is probed for readiness
 * @param backoffResetAfter how long a replica must have been running before a crash counts as a
 *     first crash again (the backoff starts over from {@code restartBackoffBase})
 */
public record RuntimeSettings(
    Mode mode,
    Path dataDir,
    Map<String, List<String>> imageCommands,
    Duration stopGrace,
    Duration restartBackoffBase,
    Duration restartBackoffMax,
    Duration probeInterval,
    Duration backoffResetAfter) {

  /** Default readiness probe period: cheap on loopback, short enough for tests. */
  public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofMillis(200);

  /** Default time of stable running after which the restart backoff starts over. */
  public static final Duration DEFAULT_BACKOFF_RESET_AFTER = Duration.ofSeconds(60);

  /** Where containers run. */
  public enum Mode {
    PROCESS,
    IN_PROCESS,
    /** One gRPC server and one WebSocket listener for every app ({@link SharedRuntime}). */
    SHARED
  }

  public RuntimeSettings {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(dataDir, "dataDir");
    imageCommands = Map.copyOf(imageCommands);
    imageCommands.values().forEach(command -> {
      if (command.isEmpty()) {
        throw new IllegalArgumentException("an image command must not be empty");
      }
    });
    requireNotNegative(stopGrace, "stopGrace");
    requireNotNegative(restartBackoffBase, "restartBackoffBase");
    requireNotNegative(restartBackoffMax, "restartBackoffMax");
    requirePositive(probeInterval, "probeInterval");
    requireNotNegative(backoffResetAfter, "backoffResetAfter");
    if (restartBackoffMax.compareTo(restartBackoffBase) < 0) {
      throw new IllegalArgumentException("restartBackoffMax must not be below restartBackoffBase");
    }
  }

  /** The settings with the default probe interval and backoff reset. */
  public RuntimeSettings(
      Mode mode,
      Path dataDir,
      Map<String, List<String>> imageCommands,
      Duration stopGrace,
      Duration restartBackoffBase,
      Duration restartBackoffMax) {
    this(mode, dataDir, imageCommands, stopGrace, restartBackoffBase, restartBackoffMax,
        DEFAULT_PROBE_INTERVAL, DEFAULT_BACKOFF_RESET_AFTER);
  }

  /**
   * Local defaults: no image mapped beyond the engine's default (see {@link ContainerRuntimes}),
   * 5 s stop grace, restarts backing off from 1 s to 30 s.
   */
  public static RuntimeSettings defaults(Mode mode, Path dataDir) {
    return defaults(mode, dataDir, Map.of());
  }

  /** The local defaults, running the images of {@code imageCommands} as given. */
  public static RuntimeSettings defaults(
      Mode mode, Path dataDir, Map<String, List<String>> imageCommands) {
    return new RuntimeSettings(mode, dataDir, imageCommands, Duration.ofSeconds(5),
        Duration.ofSeconds(1), Duration.ofSeconds(30));
  }

  private static void requireNotNegative(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + value);
    }
  }

  private static void requirePositive(Duration value, String name) {
    requireNotNegative(value, name);
    if (value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
