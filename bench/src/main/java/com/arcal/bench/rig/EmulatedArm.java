package com.arcal.bench.rig;

import com.arcal.controller.azure.ArmConnection;
import com.arcal.controller.azure.AzureTarget;
import com.arcal.emulator.Emulator;
import com.arcal.emulator.EmulatorSettings;
import com.arcal.emulator.runtime.ContainerRuntimes;
import com.arcal.emulator.runtime.RuntimeSettings;
import com.arcal.emulator.throttle.ThrottleSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The emulator inside the bench's JVM, enforcing ARM's token buckets, with engines running in
 * process (one {@code EngineServer} per app), reached over HTTPS like Azure. Its request counters
 * and its runtime are the bench's eyes on "Azure".
 */
public final class EmulatedArm implements ArmSite {
  /** ARM's page size for container apps. */
  public static final int PAGE_SIZE = 100;
  /**
   * The core quota of the bench's environment: the most Azure grants one on request (Quotas for
   * Azure Container Apps), room for 10,000 sales of 0.5 cores. The bench measures throughput;
   * running out of cores is the placement's business, not this rig's.
   */
  public static final int ENVIRONMENT_CORES = 5000;

  private final Emulator emulator;
  private final AzureTarget target = ArmSite.benchTarget();

  private EmulatedArm(Emulator emulator) {
    this.emulator = emulator;
  }

  /** Provisioning (and deletion) take {@code latency}; ARM's throttle limits apply. */
  public static EmulatedArm start(Path dataDir, Duration latency) {
    return start(dataDir, latency, List.of(GROUP));
  }

  /** The same, with these resource groups (each with the environment, in any subscription). */
  public static EmulatedArm start(Path dataDir, Duration latency, List<String> groups) {
    RuntimeSettings runtime = RuntimeSettings.defaults(RuntimeSettings.Mode.IN_PROCESS, dataDir);
    EmulatorSettings settings =
        EmulatorSettings.builder(dataDir)
            .resourceGroups(groups)
            .delays(latency, latency)
            .pageSize(PAGE_SIZE)
            .environmentCores(ENVIRONMENT_CORES)
            .throttle(ThrottleSettings.arm())
            .runtime(runtime)
            .build();
    return new EmulatedArm(Emulator.start(settings, ContainerRuntimes.create(runtime)));
  }

  @Override
  public Path hostsFile() {
    return emulator.hostsFile();
  }

  public Emulator emulator() {
    return emulator;
  }

  @Override
  public ArmConnection connection() {
    return new ArmConnection(
        Optional.of(URI.create(emulator.httpsBaseUrl())),
        Optional.of(emulator.certificatePemPath()),
        Optional.of(TOKEN),
        Optional.empty(),
        Duration.ofSeconds(30));
  }

  @Override
  public AzureTarget target() {
    return target;
  }

  /** PUTs of container apps answered so far (any status). */
  public long appPuts() {
    return emulator.stats().count(k -> k.method().equals("PUT") && k.route().equals("containerApp"));
  }

  @Override
  public void close() {
    emulator.close();
  }
}
