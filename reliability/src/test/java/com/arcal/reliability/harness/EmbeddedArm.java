package com.arcal.reliability.harness;

import com.arcal.controller.azure.ArmClients;
import com.arcal.controller.azure.ArmConnection;
import com.arcal.controller.azure.AzureTarget;
import com.arcal.emulator.Emulator;
import com.arcal.emulator.EmulatorSettings;
import com.arcal.emulator.arm.Environments;
import com.arcal.emulator.runtime.ContainerRuntimes;
import com.arcal.emulator.runtime.RuntimeSettings;
import com.azure.resourcemanager.appcontainers.ContainerAppsApiManager;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An emulator in this JVM (engines in this JVM too) for an orchestrator running as a separate
 * process: the test keeps the "cloud" and can look at it; the orchestrator reaches it over HTTPS.
 */
public final class EmbeddedArm implements AutoCloseable {
  public final Emulator emulator;

  public EmbeddedArm(Path dataDir) {
    EmulatorSettings settings =
        EmulatorSettings.builder(dataDir)
            .resourceGroups(List.of(OrchestratorProcess.GROUP))
            .delays(Duration.ofMillis(100), Duration.ofMillis(100))
            .runtime(new RuntimeSettings(RuntimeSettings.Mode.IN_PROCESS, dataDir, Map.of(),
                Duration.ofSeconds(3), Duration.ofMillis(200), Duration.ofSeconds(2)))
            .build();
    this.emulator = Emulator.start(settings, ContainerRuntimes.create(settings.runtime()));
  }

  public Map<String, String> orchestratorEnv(int port, Path stateFile, String armToken) {
    return OrchestratorProcess.azureEnv(
        emulator.httpsBaseUrl(), emulator.certificatePemPath(),
        emulator.hostsFile(Environments.defaultDomain(OrchestratorProcess.GROUP)), port,
        stateFile, armToken);
  }

  public ContainerAppsApiManager sdk() {
    AzureTarget target = new AzureTarget(OrchestratorProcess.SUBSCRIPTION, OrchestratorProcess.GROUP,
        "westeurope", AzureTarget.environmentId(OrchestratorProcess.SUBSCRIPTION,
            OrchestratorProcess.GROUP, "arcal-env"));
    return ArmClients.manager(new ArmConnection(Optional.of(URI.create(emulator.httpsBaseUrl())),
        Optional.of(emulator.certificatePemPath()), Optional.of("look"), Optional.empty(),
        Duration.ofSeconds(30)), target, List.of());
  }

  @Override
  public void close() {
    emulator.close();
  }
}
