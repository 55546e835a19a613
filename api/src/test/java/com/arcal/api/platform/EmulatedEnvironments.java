package com.arcal.api.platform;

import com.arcal.emulator.Emulator;
import com.arcal.emulator.EmulatorSettings;
import com.arcal.emulator.arm.Environments;
import com.arcal.emulator.runtime.ContainerRuntimes;
import com.arcal.emulator.runtime.RuntimeSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An emulator with both environment types, reached like Azure by an orchestrator on the azure
 * platform: {@link #GROUP}'s environment has workload profiles, {@link #LEGACY}'s is
 * Consumption-only. Provisioning is slow enough that no container ever starts, unless a test
 * asks for engines.
 */
final class EmulatedEnvironments implements AutoCloseable {
  static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000e1";
  static final String GROUP = "arcal-local";
  static final String LEGACY = "legacy-rg";

  final Emulator emulator;

  EmulatedEnvironments(Path dir) {
    this(dir, Duration.ofMinutes(10));
  }

  /** Apps provisioned (their engines started in process) and deleted after {@code delay}. */
  EmulatedEnvironments(Path dir, Duration delay) {
    RuntimeSettings runtime = RuntimeSettings.defaults(RuntimeSettings.Mode.IN_PROCESS, dir);
    EmulatorSettings settings =
        EmulatorSettings.builder(dir)
            .resourceGroups(List.of(GROUP, LEGACY))
            .consumptionOnly(List.of(LEGACY))
            .delays(delay, delay)
            .runtime(runtime)
            .build();
    this.emulator = Emulator.start(settings, ContainerRuntimes.create(runtime));
  }

  static String environmentId(String group) {
    return "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + group
        + "/providers/Microsoft.App/managedEnvironments/arcal-env";
  }

  /**
   * The variables of an orchestrator on the azure platform pointed at {@code group}'s environment
   * by its id alone, and running inside it.
   */
  Map<String, String> azureEnv(String group) {
    Map<String, String> env = new HashMap<>();
    env.put("ARCAL_PLATFORM", "azure");
    env.put("ARCAL_CONTAINERAPPS_ENVIRONMENT_ID", environmentId(group));
    env.put("ARCAL_ARM_ENDPOINT", emulator.httpsBaseUrl());
    env.put("ARCAL_ARM_CA_FILE", emulator.certificatePemPath().toString());
    env.put("ARCAL_ARM_STATIC_TOKEN", "emulator-token");
    env.put("ARCAL_ENGINE_HOSTS_FILE", emulator.hostsFile(Environments.defaultDomain(group)).toString());
    env.put("ARCAL_ENGINE_IMAGE", "arcal/engine:local");
    env.put("CONTAINER_APP_ENV_DNS_SUFFIX", Environments.defaultDomain(group));
    return env;
  }

  @Override
  public void close() {
    emulator.close();
  }
}
