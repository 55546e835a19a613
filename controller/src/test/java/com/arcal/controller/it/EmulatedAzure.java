package com.arcal.controller.it;

import com.arcal.controller.azure.ArmClients;
import com.arcal.controller.azure.ArmConnection;
import com.arcal.controller.azure.AzureTarget;
import com.arcal.emulator.Emulator;
import com.arcal.emulator.EmulatorSettings;
import com.arcal.emulator.runtime.ContainerRuntimes;
import com.arcal.emulator.runtime.RuntimeSettings;
import com.azure.resourcemanager.appcontainers.ContainerAppsApiManager;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local Container Apps emulator as the controller's tests see Azure: started in this JVM,
 * reached only over HTTPS through the real Azure SDK.
 */
final class EmulatedAzure implements AutoCloseable {
  static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000001";
  static final String GROUP = "arcal-local";
  static final String TOKEN = "test-token";

  final Emulator emulator;
  final AzureTarget target;

  private EmulatedAzure(Emulator emulator) {
    this.emulator = emulator;
    this.target =
        new AzureTarget(
            SUBSCRIPTION,
            GROUP,
            "westeurope",
            AzureTarget.environmentId(SUBSCRIPTION, GROUP, "arcal-env"));
  }

  /** Engines inside this JVM (fast), or as real processes of the engine jar. */
  static EmulatedAzure start(Path dataDir, RuntimeSettings.Mode mode, Duration latency) {
    EmulatorSettings settings =
        EmulatorSettings.builder(dataDir)
            .delays(latency, latency)
            .pageSize(5)
            .runtime(runtime(dataDir, mode))
            .build();
    return start(settings);
  }

  /** The engine runtime of these tests: the engine jar, in this JVM or as processes. */
  static RuntimeSettings runtime(Path dataDir, RuntimeSettings.Mode mode) {
    return new RuntimeSettings(
        mode,
        dataDir,
        Map.of(
            "arcal/engine:local",
            List.of(javaBinary(), "-Xmx128m", "-jar", engineJar().toString())),
        Duration.ofSeconds(3),
        Duration.ofMillis(200),
        Duration.ofSeconds(2));
  }

  /** An emulator with these settings (throttle limits, environment types...). */
  static EmulatedAzure start(EmulatorSettings settings) {
    return new EmulatedAzure(
        Emulator.start(settings, ContainerRuntimes.create(settings.runtime())));
  }

  /** How the orchestrator connects to this emulator: its URL, its certificate, a fixed token. */
  ArmConnection connection() {
    return new ArmConnection(
        Optional.of(URI.create(emulator.httpsBaseUrl())),
        Optional.of(emulator.certificatePemPath()),
        Optional.of(TOKEN),
        Optional.empty(),
        Duration.ofSeconds(10));
  }

  /** A separate SDK client, for a test acting behind the controller's back. */
  ContainerAppsApiManager sdk() {
    return ArmClients.manager(connection(), target, List.of());
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static Path engineJar() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path jar = dir.resolve("engine/target/arcal-engine.jar");
      if (Files.isRegularFile(jar)) {
        return jar;
      }
    }
    throw new IllegalStateException("engine/target/arcal-engine.jar not built: run ./mvnw install");
  }

  @Override
  public void close() {
    emulator.close();
  }
}
