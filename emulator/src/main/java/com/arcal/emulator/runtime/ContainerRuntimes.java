package com.arcal.emulator.runtime;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;

/** Creates the container runtime the settings ask for, and knows where the engine jar lives. */
public final class ContainerRuntimes {

  /** The reference engine's image, run locally from the engine jar. */
  public static final String ENGINE_IMAGE = "arcal/engine:local";

  /** Overrides where the engine jar is looked for. */
  public static final String ENGINE_JAR_ENV = "EMULATOR_ENGINE_JAR";

  static final String ENGINE_JAR = "arcal-engine.jar";
  static final Path ENGINE_JAR_IN_REPOSITORY = Path.of("engine", "target", ENGINE_JAR);
  static final String ENGINE_MAIN = "com.arcal.engine.Main";

  private ContainerRuntimes() {}

  /**
   * A runtime of {@code settings.mode()}. In process mode, {@value #ENGINE_IMAGE} runs
   * {@link #defaultEngineCommand()} unless the settings map that image themselves. In-process mode
   * runs a reference engine for every app, whatever its image.
   *
   * <p>The caller owns the runtime: closing it (e.g. from a shutdown hook) stops every container.
   */
  public static ContainerRuntime create(RuntimeSettings settings) {
    return create(settings, Clock.systemUTC(), new Random());
  }

  /** As {@link #create(RuntimeSettings)}, with the clock and randomness injected (for tests). */
  public static ContainerRuntime create(RuntimeSettings settings, Clock clock, RandomGenerator random) {
    return switch (settings.mode()) {
      case PROCESS -> new ProcessRuntime(withDefaultEngine(settings), clock, random);
      case IN_PROCESS -> new InProcessRuntime(settings, clock, random);
      case SHARED -> new SharedRuntime(settings, clock, random);
    };
  }

  /**
   * How to run the reference engine as a process: {@code [<this JVM's java>, -jar, <engine jar>]}
   * with the jar found by {@link #findEngineJar}; when there is none (e.g. the emulator runs from
   * a Maven repository), {@code [<java>, -cp, <this JVM's class path>, com.arcal.engine.Main]},
   * which works because the engine is a dependency of the emulator.
   *
   * @throws IllegalStateException if {@code EMULATOR_ENGINE_JAR} names a file that does not exist
   */
  public static List<String> defaultEngineCommand() {
    return engineCommand(System.getenv());
  }

  /** As {@link #defaultEngineCommand()}, reading {@code EMULATOR_ENGINE_JAR} from {@code env}. */
  public static List<String> engineCommand(Map<String, String> env) {
    return engineCommand(env, codeLocations(), System.getProperty("java.class.path"));
  }

  static List<String> engineCommand(Map<String, String> env, List<Path> codeLocations, String classPath) {
    return findEngineJar(env, codeLocations)
        .map(jar -> List.of(javaCommand(), "-jar", jar.toString()))
        .orElseGet(() -> List.of(javaCommand(), "-cp", classPath, ENGINE_MAIN));
  }

  /**
   * The engine jar: {@code $EMULATOR_ENGINE_JAR} if set, else the first
   * {@code engine/target/arcal-engine.jar} or {@code arcal-engine.jar} found in a folder above one of
   * {@code codeLocations} (the emulator's and the engine's classes or jars, in a repository
   * checkout or an installation). Never relative to the current directory.
   *
   * @throws IllegalStateException if {@code EMULATOR_ENGINE_JAR} names a file that does not exist
   */
  static Optional<Path> findEngineJar(Map<String, String> env, List<Path> codeLocations) {
    String override = env.get(ENGINE_JAR_ENV);
    if (override != null && !override.isBlank()) {
      Path jar = Path.of(override).toAbsolutePath().normalize();
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(ENGINE_JAR_ENV + "=" + override + " is not a file");
      }
      return Optional.of(jar);
    }
    for (Path location : codeLocations) {
      for (Path dir = location.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
        for (Path candidate : List.of(dir.resolve(ENGINE_JAR_IN_REPOSITORY), dir.resolve(ENGINE_JAR))) {
          if (Files.isRegularFile(candidate)) {
            return Optional.of(candidate);
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The binary of this very JVM, so engines run on the same Java as the emulator. */
  static String javaCommand() {
    return ProcessHandle.current().info().command()
        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private static RuntimeSettings withDefaultEngine(RuntimeSettings settings) {
    if (settings.imageCommands().containsKey(ENGINE_IMAGE)) {
      return settings;
    }
    Map<String, List<String>> commands = new HashMap<>(settings.imageCommands());
    commands.put(ENGINE_IMAGE, defaultEngineCommand());
    return new RuntimeSettings(settings.mode(), settings.dataDir(), commands, settings.stopGrace(),
        settings.restartBackoffBase(), settings.restartBackoffMax(), settings.probeInterval(),
        settings.backoffResetAfter());
  }

  /** Where the emulator's code, and the engine's code it depends on, were loaded from. */
  private static List<Path> codeLocations() {
    List<Path> locations = new ArrayList<>();
    codeLocation(ContainerRuntimes.class).ifPresent(locations::add);
    codeLocation(com.arcal.engine.EngineSettings.class).ifPresent(locations::add);
    return locations;
  }

  private static Optional<Path> codeLocation(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(source.getLocation().toURI()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
