package com.arcal.emulator;

import com.arcal.emulator.fault.FaultSettings;
import com.arcal.emulator.runtime.ContainerRuntimes;
import com.arcal.emulator.runtime.RuntimeSettings;
import com.arcal.emulator.throttle.ThrottleSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the emulator is configured with.
 *
 * @param host address to listen on (loopback by default)
 * @param httpsPort HTTPS port; 0 picks a free one
 * @param httpPort plain HTTP port; 0 picks a free one, -1 turns HTTP off
 * @param dataDir where state, TLS material and the runtime's files live
 * @param resourceGroups the resource groups that exist, in every subscription
 * @param location the emulated region ({@code westeurope})
 * @param pageSize list page size
 * @param provisioningDelay how long a create or update takes
 * @param deletionDelay how long a delete takes
 * @param throttle ARM request budgets
 * @param faults fault injection at start (changeable at run time)
 * @param runtime how containers run
 * @param httpThreads size of the HTTP server's thread pool
 */
public record EmulatorSettings(
    String host,
    int httpsPort,
    int httpPort,
    Path dataDir,
    List<String> resourceGroups,
    String location,
    int pageSize,
    Duration provisioningDelay,
    Duration deletionDelay,
    ThrottleSettings throttle,
    FaultSettings faults,
    RuntimeSettings runtime,
    int httpThreads) {

  public EmulatorSettings {
    Objects.requireNonNull(host, "host");
    if (httpsPort < 0 || httpsPort > 65535) {
      throw new IllegalArgumentException("httpsPort must be 0-65535, got " + httpsPort);
    }
    if (httpPort < -1 || httpPort > 65535) {
      throw new IllegalArgumentException("httpPort must be -1 (off) or 0-65535, got " + httpPort);
    }
    Objects.requireNonNull(dataDir, "dataDir");
    resourceGroups = List.copyOf(resourceGroups);
    if (resourceGroups.isEmpty()) {
      throw new IllegalArgumentException("at least one resource group is required");
    }
    Objects.requireNonNull(location, "location");
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1, got " + pageSize);
    }
    nonNegative("provisioningDelay", provisioningDelay);
    nonNegative("deletionDelay", deletionDelay);
    Objects.requireNonNull(throttle, "throttle");
    Objects.requireNonNull(faults, "faults");
    Objects.requireNonNull(runtime, "runtime");
    if (httpThreads < 1) {
      throw new IllegalArgumentException("httpThreads must be at least 1, got " + httpThreads);
    }
  }

  /**
   * Settings for an emulator embedded in a test or another program: loopback, ephemeral HTTPS port,
   * no plain HTTP, resource group {@code arcal-local}, 1 s latencies, ARM's throttle limits, no
   * faults, engines as processes.
   */
  public static EmulatorSettings defaults(Path dataDir) {
    return new EmulatorSettings(
        "127.0.0.1",
        0,
        -1,
        dataDir,
        List.of("arcal-local"),
        "westeurope",
        100,
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        ThrottleSettings.arm(),
        FaultSettings.none(),
        runtimeSettings(RuntimeSettings.Mode.PROCESS, dataDir, Map.of()),
        8);
  }

  /** Standalone settings from {@code EMULATOR_*} environment variables. */
  public static EmulatorSettings fromEnv(Map<String, String> env) {
    EnvReader r = new EnvReader(env);
    Path dataDir = r.path("EMULATOR_DATA_DIR", "./emulator-data").toAbsolutePath().normalize();
    RuntimeSettings.Mode mode =
        r.choice("EMULATOR_RUNTIME", "process", List.of("process", "inprocess")).equals("process")
            ? RuntimeSettings.Mode.PROCESS
            : RuntimeSettings.Mode.IN_PROCESS;
    return new EmulatorSettings(
        r.text("EMULATOR_HOST", "127.0.0.1"),
        r.port("EMULATOR_HTTPS_PORT", 8443, false),
        r.port("EMULATOR_HTTP_PORT", 8081, true),
        dataDir,
        r.names("EMULATOR_RESOURCE_GROUPS", List.of("arcal-local")),
        r.text("EMULATOR_LOCATION", "westeurope"),
        r.positiveInt("EMULATOR_PAGE_SIZE", 100),
        r.millis("EMULATOR_PROVISIONING_DELAY_MS", Duration.ofSeconds(1)),
        r.millis("EMULATOR_DELETION_DELAY_MS", Duration.ofSeconds(1)),
        ThrottleSettings.arm(),
        FaultSettings.none(),
        runtimeSettings(mode, dataDir, engineImages(env)),
        r.positiveInt("EMULATOR_HTTP_THREADS", 8));
  }

  /** The engine image's command, honouring {@code EMULATOR_ENGINE_JAR}. */
  private static Map<String, List<String>> engineImages(Map<String, String> env) {
    try {
      return Map.of(ContainerRuntimes.ENGINE_IMAGE, ContainerRuntimes.engineCommand(env));
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage() + ": give the path of arcal-engine.jar", e);
    }
  }

  private static RuntimeSettings runtimeSettings(
      RuntimeSettings.Mode mode, Path dataDir, Map<String, List<String>> images) {
    return new RuntimeSettings(
        mode,
        dataDir,
        images,
        Duration.ofSeconds(5),
        Duration.ofSeconds(1),
        Duration.ofSeconds(30));
  }

  public EmulatorSettings withPorts(int newHttpsPort, int newHttpPort) {
    return new EmulatorSettings(
        host,
        newHttpsPort,
        newHttpPort,
        dataDir,
        resourceGroups,
        location,
        pageSize,
        provisioningDelay,
        deletionDelay,
        throttle,
        faults,
        runtime,
        httpThreads);
  }

  public EmulatorSettings withResourceGroups(List<String> groups) {
    return new EmulatorSettings(
        host,
        httpsPort,
        httpPort,
        dataDir,
        groups,
        location,
        pageSize,
        provisioningDelay,
        deletionDelay,
        throttle,
        faults,
        runtime,
        httpThreads);
  }

  public EmulatorSettings withPageSize(int size) {
    return new EmulatorSettings(
        host,
        httpsPort,
        httpPort,
        dataDir,
        resourceGroups,
        location,
        size,
        provisioningDelay,
        deletionDelay,
        throttle,
        faults,
        runtime,
        httpThreads);
  }

  public EmulatorSettings withDelays(Duration provisioning, Duration deletion) {
    return new EmulatorSettings(
        host,
        httpsPort,
        httpPort,
        dataDir,
        resourceGroups,
        location,
        pageSize,
        provisioning,
        deletion,
        throttle,
        faults,
        runtime,
        httpThreads);
  }

  public EmulatorSettings withThrottle(ThrottleSettings limits) {
    return new EmulatorSettings(
        host,
        httpsPort,
        httpPort,
        dataDir,
        resourceGroups,
        location,
        pageSize,
        provisioningDelay,
        deletionDelay,
        limits,
        faults,
        runtime,
        httpThreads);
  }

  public EmulatorSettings withFaults(FaultSettings initialFaults) {
    return new EmulatorSettings(
        host,
        httpsPort,
        httpPort,
        dataDir,
        resourceGroups,
        location,
        pageSize,
        provisioningDelay,
        deletionDelay,
        throttle,
        initialFaults,
        runtime,
        httpThreads);
  }

  public EmulatorSettings withRuntime(RuntimeSettings runtimeSettings) {
    return new EmulatorSettings(
        host,
        httpsPort,
        httpPort,
        dataDir,
        resourceGroups,
        location,
        pageSize,
        provisioningDelay,
        deletionDelay,
        throttle,
        faults,
        runtimeSettings,
        httpThreads);
  }

  private static void nonNegative(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative");
    }
  }
}
