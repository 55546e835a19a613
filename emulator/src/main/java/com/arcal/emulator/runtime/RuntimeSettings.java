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
 *     /abs/engine/target/arcal-engine.jar]}; an image not listed cannot be run in process mode
 * @param stopGrace how long a graceful stop may take before the process is killed
 * @param restartBackoffBase first delay before restarting a crashed container (doubles per
 *     consecutive crash)
 * @param restartBackoffMax upper bound of that delay
 */
public record RuntimeSettings(
    Mode mode,
    Path dataDir,
    Map<String, List<String>> imageCommands,
    Duration stopGrace,
    Duration restartBackoffBase,
    Duration restartBackoffMax) {

  /** Where containers run. */
  public enum Mode {
    PROCESS,
    IN_PROCESS
  }

  public RuntimeSettings {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(dataDir, "dataDir");
    imageCommands = Map.copyOf(imageCommands);
    Objects.requireNonNull(stopGrace, "stopGrace");
    Objects.requireNonNull(restartBackoffBase, "restartBackoffBase");
    Objects.requireNonNull(restartBackoffMax, "restartBackoffMax");
  }
}
