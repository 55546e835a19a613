package com.arcal.api.platform;

import com.arcal.api.config.Settings;
import com.arcal.controller.azure.ArmBudgetPolicy.ArmCallListener;
import com.arcal.controller.azure.ArmConnection;
import com.arcal.controller.azure.AzureTarget;
import com.arcal.controller.azure.EnvironmentFleet;
import com.arcal.controller.azure.EnvironmentId;
import com.arcal.controller.endpoint.BuyerUrls;
import com.arcal.controller.endpoint.EngineEndpoints;
import com.arcal.controller.endpoint.HostsFile;
import com.arcal.controller.engine.GrpcEngineClient;
import com.arcal.emulator.Emulator;
import com.arcal.emulator.EmulatorSettings;
import com.arcal.emulator.arm.ResourceIds;
import com.arcal.emulator.runtime.ContainerRuntimes;
import com.arcal.emulator.runtime.RuntimeSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded default: the Container Apps emulator in this JVM (HTTPS on an ephemeral loopback
 * port) running engines as local processes, driven through the very same Azure adapter as Azure.
 * Closing the platform closes the emulator, which stops every engine it started.
 */
final class LocalPlatform {
  static final Duration ENGINE_DEADLINE = Duration.ofSeconds(5);
  static final String RESOURCE_GROUP = "arcal-local";
  /** The emulator accepts any subscription; a fixed one keeps app ids stable across runs. */
  static final String SUBSCRIPTION = "00000000-0000-0000-0000-00000000a4ca";
  /** The emulator does not check tokens; the SDK still needs one to send. */
  private static final String TOKEN = "arcal-local-emulator";

  private LocalPlatform() {}

  static Platform open(Settings settings, ArmCallListener armCalls, Clock clock) {
    Path dataDir = settings.local().emulatorDataDir();
    RuntimeSettings runtime =
        new RuntimeSettings(
            RuntimeSettings.Mode.PROCESS,
            dataDir,
            Map.of(ContainerRuntimes.ENGINE_IMAGE, ContainerRuntimes.defaultEngineCommand()),
            Duration.ofSeconds(5),
            Duration.ofSeconds(1),
            Duration.ofSeconds(30));
    Duration delay = settings.local().emulatorDelay();
    EmulatorSettings emulatorSettings =
        EmulatorSettings.builder(dataDir)
            .resourceGroups(List.of(RESOURCE_GROUP))
            .delays(delay, delay)
            .environmentCores(settings.local().emulatorCores())
            .runtime(runtime)
            .build();
    Emulator emulator = Emulator.start(emulatorSettings, ContainerRuntimes.create(runtime));
    try {
      EnvironmentId environment =
          EnvironmentId.parse(
                  AzureTarget.environmentId(SUBSCRIPTION, RESOURCE_GROUP, ResourceIds.ENVIRONMENT_NAME))
              .orElseThrow();
      ArmConnection connection =
          new ArmConnection(
              Optional.of(URI.create(emulator.httpsBaseUrl())),
              Optional.of(emulator.certificatePemPath()),
              Optional.of(TOKEN),
              Optional.empty(),
              ArmAdapter.RESPONSE_TIMEOUT);
      HostsFile names = new HostsFile(emulator.hostsFile());
      // Placed by cores as on Azure: the emulator's environment has a core quota too.
      EnvironmentFleet fleet =
          ArmAdapter.openFleet(connection, List.of(environment), Optional.empty(), armCalls, clock);
      return new Platform(
          fleet.apps(),
          GrpcEngineClient.resolvingThrough(ENGINE_DEADLINE, names::address),
          new EngineEndpoints(BuyerUrls.local(names)),
          emulator,
          "local: embedded emulator at " + emulator.httpsBaseUrl() + ", data " + dataDir,
          Optional.of(new Platform.Environments(fleet.ids(), fleet.usages())));
    } catch (RuntimeException e) {
      emulator.close();
      throw e;
    }
  }
}
