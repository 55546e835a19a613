package com.arcal.reliability.harness;

import com.arcal.api.Orchestrator;
import com.arcal.api.config.Settings;
import com.arcal.api.platform.Platform;
import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.ArmBudgetPolicy;
import com.arcal.controller.azure.ArmClients;
import com.arcal.controller.azure.ArmConnection;
import com.arcal.controller.azure.AzureContainerApps;
import com.arcal.controller.azure.AzureTarget;
import com.arcal.controller.budget.ArmBudget;
import com.arcal.controller.budget.BudgetSettings;
import com.arcal.controller.endpoint.BuyerUrls;
import com.arcal.controller.endpoint.EngineEndpoints;
import com.arcal.controller.endpoint.HostsFile;
import com.arcal.controller.engine.EngineAddress;
import com.arcal.controller.engine.EngineClient;
import com.arcal.controller.engine.GrpcEngineClient;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.secret.EngineSecrets;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.SaleStatus;
import com.arcal.emulator.Emulator;
import com.arcal.emulator.EmulatorSettings;
import com.arcal.emulator.runtime.ContainerRuntime;
import com.arcal.emulator.runtime.ContainerRuntimes;
import com.arcal.emulator.runtime.RuntimeSettings;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.resourcemanager.appcontainers.ContainerAppsApiManager;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A whole orchestrator in this JVM (real store, controller and REST server on a free loopback
 * port) driving an embedded Container Apps emulator through the real Azure SDK, with the handles
 * a fault-injection test needs: the emulator (faults, statistics, runtime) and the ARM budget
 * (its counters). The emulator outlives the orchestrator until {@link #close}.
 */
public final class LocalFleet implements AutoCloseable {
  public static final String SUBSCRIPTION = "00000000-0000-0000-0000-00000000beef";
  public static final String GROUP = "arcal-local";
  public static final String TOKEN = "reliability-api-token-0123456789";

  public final Emulator emulator;
  public final ArmBudget budget;
  /** Replaced by {@link #restartOrchestrator}; the emulator and its engines stay. */
  public volatile Orchestrator orchestrator;
  public volatile Api api;
  public final Path stateFile;
  public final Path emulatorData;
  public final AzureTarget target;
  /** Where the emulator's app names resolve, as the orchestrator resolves them. */
  public final HostsFile names;
  /** How the orchestrator finds an app's engine: the same resolution, for tests that call it. */
  public final EngineEndpoints endpoints;
  private final Duration armTimeout;
  private final Map<String, String> env = new HashMap<>();
  private final Duration engineDeadline;
  private final List<HttpPipelinePolicy> extra;
  private final UnaryOperator<EngineClient> engineFaults;

  private LocalFleet(Builder b) {
    this.stateFile = b.dir.resolve("desired-state.json");
    this.emulatorData = b.dir.resolve("emulator").toAbsolutePath();
    this.armTimeout = b.armTimeout;
    Map<String, List<String>> images =
        Map.of(ContainerRuntimes.ENGINE_IMAGE,
            List.of(Repo.java(), "-Xmx96m", "-XX:TieredStopAtLevel=1", "-jar",
                Repo.jar("engine/target/arcal-engine.jar").toString()));
    EmulatorSettings settings =
        EmulatorSettings.builder(emulatorData)
            .resourceGroups(List.of(GROUP))
            .delays(b.delay, b.delay)
            .runtime(new RuntimeSettings(b.mode, emulatorData, images, Duration.ofSeconds(3),
                Duration.ofMillis(200), Duration.ofSeconds(2)))
            .build();
    ContainerRuntime runtime = ContainerRuntimes.create(settings.runtime());
    this.emulator = Emulator.start(settings,
        b.brokenImages.isEmpty() ? runtime : new BrokenImages(runtime, b.brokenImages));
    this.names = new HostsFile(emulator.hostsFile());
    this.endpoints = new EngineEndpoints(BuyerUrls.local(names));
    this.target = new AzureTarget(SUBSCRIPTION, GROUP, settings.location(),
        AzureTarget.environmentId(SUBSCRIPTION, GROUP, "arcal-env"));
    this.budget = new ArmBudget(b.budget, Clock.systemUTC());
    env.put("ARCAL_HTTP_PORT", "0");
    env.put("ARCAL_STATE_FILE", stateFile.toString());
    env.put("ARCAL_POLL_MILLIS", "100");
    env.put("ARCAL_RESYNC_SECONDS", "5");
    env.put("ARCAL_EMULATOR_DATA_DIR", emulatorData.toString());
    env.putAll(b.env);
    this.engineDeadline = b.engineDeadline;
    this.extra = List.copyOf(b.policies);
    this.engineFaults = b.engineFaults;
    try {
      startOrchestrator();
    } catch (RuntimeException e) {
      emulator.close();
      throw e;
    }
  }

  /**
   * Stops the orchestrator and starts a new one on the same state file and emulator, with
   * {@code changes} applied to its variables (an operator's restart with new settings).
   */
  public void restartOrchestrator(Map<String, String> changes) {
    orchestrator.close();
    env.putAll(changes);
    startOrchestrator();
  }

  private void startOrchestrator() {
    this.orchestrator =
          Orchestrator.start(
              Settings.of(env),
              (s, armCalls, clock) -> {
                List<HttpPipelinePolicy> policies = new ArrayList<>();
                policies.add(
                    new ArmBudgetPolicy(budget, ArmBudgetPolicy.DEFAULT_MAX_WAIT, armCalls));
                policies.addAll(extra);
                ContainerAppsApiManager manager =
                    ArmClients.manager(connection(), target, policies);
                return new Platform(
                    new AzureContainerApps(manager, target),
                    engineFaults.apply(
                        GrpcEngineClient.resolvingThrough(engineDeadline, this.names::address)),
                    endpoints,
                    () -> {},
                    "reliability: embedded emulator " + emulator.httpsBaseUrl());
              },
              Clock.systemUTC());
    this.api = new Api(orchestrator.url(),
        env.containsKey("ARCAL_API_TOKEN") ? Optional.of(env.get("ARCAL_API_TOKEN")) : Optional.empty());
  }

  public static Builder in(Path dir) {
    return new Builder(dir);
  }

  /** How a client reaches the emulator: its URL, its certificate, any token. */
  public ArmConnection connection() {
    return new ArmConnection(
        Optional.of(URI.create(emulator.httpsBaseUrl())),
        Optional.of(emulator.certificatePemPath()),
        Optional.of("reliability-arm-token"),
        Optional.empty(),
        armTimeout);
  }

  /** A separate SDK client, to look at the cloud behind the orchestrator's back. */
  public ContainerAppsApiManager sdk() {
    return ArmClients.manager(connection(), target, List.of());
  }

  /**
   * The socket address of an app's engine gRPC port: its app name and exposed port as the
   * orchestrator derives them, the name resolved through the emulator's hosts file.
   */
  public EngineAddress engineAddress(String app) {
    AppObservation observed = new AzureContainerApps(sdk(), target).get(app).orElseThrow();
    EngineAddress byName = endpoints.resolve(observed).orElseThrow().grpc();
    return new EngineAddress(names.address(byName.host()).orElseThrow(), byName.port());
  }

  /** An app's engine token, as its own container holds it (read as the cloud's owner: listSecrets). */
  public String engineToken(String app) {
    return new AzureContainerApps(sdk(), target).secret(app, EngineSecrets.SECRET_NAME).orElseThrow().reveal();
  }

  public Optional<SaleStatus> status(String sale) {
    return orchestrator.backend().board().get(new SaleId(sale));
  }

  public boolean running(String sale) {
    return status(sale).map(s -> s.phase() == Phase.RUNNING).orElse(false);
  }

  /** Stops the orchestrator, then the emulator and every engine it runs. */
  @Override
  public void close() {
    try {
      orchestrator.close();
    } finally {
      emulator.close();
    }
  }

  /** Options of a {@link LocalFleet}. */
  public static final class Builder {
    private final Path dir;
    private RuntimeSettings.Mode mode = RuntimeSettings.Mode.IN_PROCESS;
    private Duration delay = Duration.ofMillis(100);
    private BudgetSettings budget = BudgetSettings.defaults();
    private Duration engineDeadline = Duration.ofSeconds(2);
    private Duration armTimeout = Duration.ofSeconds(30);
    private final Map<String, String> env = new HashMap<>();
    private final List<HttpPipelinePolicy> policies = new ArrayList<>();
    private UnaryOperator<EngineClient> engineFaults = UnaryOperator.identity();
    private final java.util.Set<String> brokenImages = new java.util.HashSet<>();

    private Builder(Path dir) {
      this.dir = dir;
    }

    public Builder processes() {
      this.mode = RuntimeSettings.Mode.PROCESS;
      return this;
    }

    public Builder delay(Duration d) {
      this.delay = d;
      return this;
    }

    public Builder budget(BudgetSettings settings) {
      this.budget = settings;
      return this;
    }

    public Builder engineDeadline(Duration d) {
      this.engineDeadline = d;
      return this;
    }

    /** How long the orchestrator's SDK waits for an ARM answer before it gives up. */
    public Builder armTimeout(Duration d) {
      this.armTimeout = d;
      return this;
    }

    public Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    public Builder withToken() {
      return env("ARCAL_API_TOKEN", TOKEN);
    }

    /** An extra policy in the orchestrator's ARM pipeline (e.g. one that records requests). */
    public Builder policy(HttpPipelinePolicy policy) {
      policies.add(policy);
      return this;
    }

    /** Wraps the orchestrator's engine client, e.g. in a {@link PartitionedEngines}. */
    public Builder engines(UnaryOperator<EngineClient> wrap) {
      this.engineFaults = wrap;
      return this;
    }

    /** An image the emulator cannot start: an app updated to it has no running engine. */
    public Builder brokenImage(String image) {
      brokenImages.add(image);
      return this;
    }

    public LocalFleet start() {
      return new LocalFleet(this);
    }
  }
}
