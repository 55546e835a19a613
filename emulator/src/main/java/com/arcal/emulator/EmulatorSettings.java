package com.arcal.emulator;

import com.arcal.emulator.arm.Environments;
import com.arcal.emulator.arm.ResourceIds;
import com.arcal.emulator.runtime.ContainerRuntimes;
import com.arcal.emulator.runtime.RuntimeSettings;
import com.arcal.emulator.throttle.ThrottleSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything the emulator is configured with. Build one with {@link #builder}, which holds the
 * defaults; fault injection is not a setting, it is changed at run time through {@link
 * Emulator#faults()}.
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
 * @param runtime how containers run
 * @param httpThreads size of the HTTP server's thread pool
 * @param consumptionOnlyGroups the resource groups whose environment is of the Consumption-only
 *     type; the others' are of the workload-profiles type, Azure's default
 * @param environments the managed environments of every resource group (names, distinct)
 * @param environmentCores the core quota of each environment
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
    RuntimeSettings runtime,
    int httpThreads,
    List<String> consumptionOnlyGroups,
    List<String> environments,
    int environmentCores) {

  /** Azure's rule for a managed environment's name. */
  static final Pattern ENVIRONMENT_NAME =
      Pattern.compile("[a-z][a-z0-9-]{0,58}[a-z0-9]");

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
    Objects.requireNonNull(runtime, "runtime");
    if (httpThreads < 1) {
      throw new IllegalArgumentException("httpThreads must be at least 1, got " + httpThreads);
    }
    consumptionOnlyGroups = List.copyOf(consumptionOnlyGroups);
    for (String group : consumptionOnlyGroups) {
      if (resourceGroups.stream().noneMatch(group::equalsIgnoreCase)) {
        throw new IllegalArgumentException(
            "consumption-only group " + group + " is not one of the resource groups " + resourceGroups);
      }
    }
    environments = List.copyOf(environments);
    if (environments.isEmpty()) {
      throw new IllegalArgumentException("at least one managed environment is required");
    }
    for (String env : environments) {
      if (!ENVIRONMENT_NAME.matcher(env).matches()) {
        throw new IllegalArgumentException(
            "environment name '" + env + "' must be 2-60 lower-case letters, digits or '-',"
                + " starting with a letter and ending with a letter or digit");
      }
    }
    if (environments.stream().distinct().count() != environments.size()) {
      throw new IllegalArgumentException("environment names must be distinct, got " + environments);
    }
    if (environmentCores < 1) {
      throw new IllegalArgumentException(
          "environmentCores must be at least 1, got " + environmentCores);
    }
  }

  /** Settings for an emulator embedded in a test or another program: the builder's defaults. */
  public static EmulatorSettings defaults(Path dataDir) {
    return builder(dataDir).build();
  }

  /** A builder starting from the embedded defaults; set only what differs. */
  public static Builder builder(Path dataDir) {
    return new Builder(dataDir);
  }

  /**
   * Standalone settings from {@code EMULATOR_*} environment variables. An unset variable takes the
   * embedded default, except the ports: a standalone emulator listens on fixed ones (8443, 8081).
   */
  public static EmulatorSettings fromEnv(Map<String, String> env) {
    EnvReader r = new EnvReader(env);
    Path dataDir = r.path("EMULATOR_DATA_DIR", "./emulator-data").toAbsolutePath().normalize();
    RuntimeSettings.Mode mode =
        switch (r.choice("EMULATOR_RUNTIME", "process", List.of("process", "inprocess", "shared"))) {
          case "inprocess" -> RuntimeSettings.Mode.IN_PROCESS;
          case "shared" -> RuntimeSettings.Mode.SHARED;
          default -> RuntimeSettings.Mode.PROCESS;
        };
    EmulatorSettings d = defaults(dataDir);
    return builder(dataDir)
        .host(r.text("EMULATOR_HOST", d.host()))
        .ports(r.port("EMULATOR_HTTPS_PORT", 8443, false), r.port("EMULATOR_HTTP_PORT", 8081, true))
        .resourceGroups(r.names("EMULATOR_RESOURCE_GROUPS", d.resourceGroups()))
        .location(r.text("EMULATOR_LOCATION", d.location()))
        .pageSize(r.positiveInt("EMULATOR_PAGE_SIZE", d.pageSize()))
        .delays(
            r.millis("EMULATOR_PROVISIONING_DELAY_MS", d.provisioningDelay()),
            r.millis("EMULATOR_DELETION_DELAY_MS", d.deletionDelay()))
        .runtime(RuntimeSettings.defaults(mode, dataDir, engineImages(env)))
        .httpThreads(r.positiveInt("EMULATOR_HTTP_THREADS", d.httpThreads()))
        .consumptionOnly(r.names("EMULATOR_CONSUMPTION_ONLY_GROUPS", d.consumptionOnlyGroups()))
        .environments(
            r.names(
                "EMULATOR_ENVIRONMENTS",
                d.environments(),
                ENVIRONMENT_NAME,
                "environment names (2-60 lower-case letters, digits or '-', starting with a letter)"))
        .environmentCores(r.positiveInt("EMULATOR_ENVIRONMENT_CORES", d.environmentCores()))
        .build();
  }

  /** The engine image's command, honouring {@code EMULATOR_ENGINE_JAR}. */
  private static Map<String, List<String>> engineImages(Map<String, String> env) {
    try {
      return Map.of(ContainerRuntimes.ENGINE_IMAGE, ContainerRuntimes.engineCommand(env));
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage() + ": give the path of arcal-engine.jar", e);
    }
  }

  private static void nonNegative(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative");
    }
  }

  /**
   * The one place the defaults live: loopback, ephemeral HTTPS port, no plain HTTP, resource group
   * {@code arcal-local} in {@code westeurope} with one environment {@code arcal-env} of 100 cores,
   * pages of 100, 1 s latencies, ARM's throttle limits, engines as processes, 8 HTTP threads. {@link #build} validates.
   */
  public static final class Builder {
    private final Path dataDir;
    private String host = "127.0.0.1";
    private int httpsPort = 0;
    private int httpPort = -1;
    private List<String> resourceGroups = List.of("arcal-local");
    private String location = "westeurope";
    private int pageSize = 100;
    private Duration provisioningDelay = Duration.ofSeconds(1);
    private Duration deletionDelay = Duration.ofSeconds(1);
    private ThrottleSettings throttle = ThrottleSettings.arm();
    private RuntimeSettings runtime;
    /**
     * ARM serves a client's requests side by side; with 8 threads, 24 of a controller's 32
     * concurrent PUTs waited here before the throttle counted them, so this bucket started its
     * refill late and answered 429s that ARM, counting on arrival, would not.
     */
    private int httpThreads = 64;
    private List<String> consumptionOnlyGroups = List.of();
    private List<String> environments = List.of(ResourceIds.ENVIRONMENT_NAME);
    private int environmentCores = Environments.DEFAULT_CORES;

    private Builder(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      this.runtime = RuntimeSettings.defaults(RuntimeSettings.Mode.PROCESS, dataDir);
    }

    public Builder host(String listenHost) {
      this.host = listenHost;
      return this;
    }

    /** HTTPS port (0 = any free one) and plain HTTP port (0 = any free one, -1 = off). */
    public Builder ports(int https, int http) {
      this.httpsPort = https;
      this.httpPort = http;
      return this;
    }

    public Builder resourceGroups(List<String> groups) {
      this.resourceGroups = groups;
      return this;
    }

    public Builder location(String region) {
      this.location = region;
      return this;
    }

    public Builder pageSize(int size) {
      this.pageSize = size;
      return this;
    }

    /** How long a create or update, and a delete, take. */
    public Builder delays(Duration provisioning, Duration deletion) {
      this.provisioningDelay = provisioning;
      this.deletionDelay = deletion;
      return this;
    }

    public Builder throttle(ThrottleSettings limits) {
      this.throttle = limits;
      return this;
    }

    public Builder runtime(RuntimeSettings runtimeSettings) {
      this.runtime = runtimeSettings;
      return this;
    }

    public Builder httpThreads(int threads) {
      this.httpThreads = threads;
      return this;
    }

    /** Resource groups whose environment is Consumption-only (none by default). */
    public Builder consumptionOnly(List<String> groups) {
      this.consumptionOnlyGroups = groups;
      return this;
    }

    /** The managed environments of every resource group ({@code arcal-env} by default). */
    public Builder environments(List<String> names) {
      this.environments = names;
      return this;
    }

    /** The core quota of each environment (100 by default, as Azure's). */
    public Builder environmentCores(int cores) {
      this.environmentCores = cores;
      return this;
    }

    public EmulatorSettings build() {
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
          runtime,
          httpThreads,
          consumptionOnlyGroups,
          environments,
          environmentCores);
    }
  }
}
