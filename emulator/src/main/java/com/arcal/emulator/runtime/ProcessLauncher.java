package com.arcal.emulator.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a container as an OS process: the image's command, marked with the app (see
 * {@link ProcessMarker}), with the template's environment plus {@code PORT}, {@code GRPC_PORT} and
 * {@code BIND_HOST}, its output appended to {@code <logDir>/<app>.log}.
 *
 * <p>Output goes to a file, never to a pipe: a pipe would break when this JVM dies, and a process
 * that survives its host must keep running until a later run adopts or stops it.
 */
final class ProcessLauncher implements ContainerFactory {

  private final Map<String, List<String>> imageCommands;
  private final ProcessMarker marker;
  private final Path logDir;
  private final Clock clock;

  ProcessLauncher(Map<String, List<String>> imageCommands, ProcessMarker marker, Path logDir, Clock clock) {
    imageCommands.forEach((image, command) -> {
      if (!ProcessMarker.isJavaCommand(command)) {
        throw new IllegalArgumentException("The command of image " + image
            + " must start with a java launcher, so that its processes can be marked: " + command);
      }
    });
    this.imageCommands = Map.copyOf(imageCommands);
    this.marker = marker;
    this.logDir = logDir;
    this.clock = clock;
  }

  @Override
  public Container start(ContainerSpec spec, String replicaName) throws IOException {
    List<String> command = imageCommands.get(spec.image());
    if (command == null) {
      throw new IllegalArgumentException("image " + spec.image() + " is not mapped to a local command");
    }
    List<String> marked = marker.mark(command, spec.appName());
    Path log = logFile(spec.appName());
    Files.createDirectories(logDir);
    Files.writeString(log,
        String.format("%n=== %s replica %s: %s%n", clock.instant(), replicaName, String.join(" ", marked)),
        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    ProcessBuilder builder = new ProcessBuilder(marked)
        .directory(logDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment(spec));
    Process process = builder.start();
    // Nothing is ever written to a container's stdin; give it end-of-file right away.
    process.getOutputStream().close();
    return ProcessContainer.child(process, spec);
  }

  Path logFile(String appName) {
    return logDir.resolve(appName.replaceAll("[^A-Za-z0-9._-]", "_") + ".log");
  }

  /** The template's variables, then the ones the runtime owns: they win, as the ports depend on them. */
  static Map<String, String> environment(ContainerSpec spec) {
    Map<String, String> env = new HashMap<>(spec.env());
    if (!spec.ports().isEmpty()) {
      env.put("PORT", String.valueOf(spec.ports().get(0)));
    }
    if (spec.ports().size() > 1) {
      env.put("GRPC_PORT", String.valueOf(spec.ports().get(1)));
    }
    env.put("BIND_HOST", spec.bindHost());
    return env;
  }
}
