package com.arcal.api;

import com.arcal.api.config.Settings;
import com.arcal.api.platform.Platform;
import com.arcal.controller.endpoint.BuyerUrls;
import com.arcal.controller.endpoint.EngineEndpoints;
import com.arcal.controller.azure.EnvironmentId;
import com.arcal.controller.fake.FakeContainerApps;
import com.arcal.controller.fake.FakeEnvironmentUsages;
import com.arcal.controller.fake.FakeEngines;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.status.Phase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A whole orchestrator in this JVM for tests: real store (a file in a temp folder), real
 * controller and REST server on a free loopback port, the platform replaced by the controller's
 * fakes. {@link #apps} completes operations only when the test says so.
 */
public final class TestOrchestrator implements AutoCloseable {
  public static final String TOKEN = "test-token-0123456789abcdef";

  /** The environments of {@link #withEnvironments}, in two subscriptions. */
  public static final EnvironmentId ENV_A = new EnvironmentId("sub-a", "rg-a", "env-a");
  public static final EnvironmentId ENV_B = new EnvironmentId("sub-b", "rg-b", "env-b");

  public final FakeContainerApps apps = new FakeContainerApps();
  public final FakeEnvironmentUsages usages = new FakeEnvironmentUsages(apps);
  public final FakeEngines engines = new FakeEngines();
  public final Orchestrator orchestrator;
  public final ApiClient client;
  public final Path stateFile;

  private TestOrchestrator(Path dir, Map<String, String> extra, FakeContainerApps preset) {
    this(dir, extra, preset, null, Map.of());
  }

  private TestOrchestrator(
      Path dir,
      Map<String, String> extra,
      FakeContainerApps preset,
      Consumer<FakeEnvironmentUsages> cores,
      Map<EnvironmentId, String> closed) {
    this.stateFile = dir.resolve("desired-state.json");
    Map<String, String> env = new HashMap<>();
    env.put("ARCAL_HTTP_PORT", "0");
    env.put("ARCAL_STATE_FILE", stateFile.toString());
    env.put("ARCAL_POLL_MILLIS", "20");
    env.put("ARCAL_EMULATOR_DATA_DIR", dir.resolve("emulator").toString());
    env.putAll(extra);
    FakeContainerApps fakes = preset != null ? preset : apps;
    Optional<Platform.Environments> placed = Optional.empty();
    if (cores != null) {
      cores.accept(usages);
      placed = Optional.of(new Platform.Environments(List.of(ENV_A, ENV_B), closed, usages));
    }
    Optional<Platform.Environments> environments = placed;
    this.orchestrator =
        Orchestrator.start(
            Settings.of(env),
            (settings, armCalls, clock) ->
                new Platform(
                    fakes, engines, new EngineEndpoints(BuyerUrls.ingress()), () -> {}, "fakes",
                    environments),
            Clock.systemUTC());
    this.client = new ApiClient(orchestrator.url());
  }

  public static TestOrchestrator start(Path dir) {
    return new TestOrchestrator(dir, Map.of(), null);
  }

  public static TestOrchestrator start(Path dir, Map<String, String> env) {
    return new TestOrchestrator(dir, env, null);
  }

  /**
   * Sales placed on {@link #ENV_A} and {@link #ENV_B} by their cores, as {@code cores} sets
   * their limits and others' usage up (100 cores each, all free, by default).
   */
  public static TestOrchestrator withEnvironments(Path dir, Consumer<FakeEnvironmentUsages> cores) {
    return withEnvironments(dir, cores, Map.of());
  }

  /** The same, {@code closed} taking no new sales. */
  public static TestOrchestrator withEnvironments(
      Path dir, Consumer<FakeEnvironmentUsages> cores, Map<EnvironmentId, String> closed) {
    return new TestOrchestrator(dir, Map.of(), null, cores, closed);
  }

  public static TestOrchestrator withToken(Path dir) {
    return new TestOrchestrator(dir, Map.of("ARCAL_API_TOKEN", TOKEN), null);
  }

  /** Plays Azure finishing every operation; returns whether the sale is Running now. */
  public boolean completeAndCheckRunning(String saleId) {
    apps.completeAll();
    return orchestrator.backend().board().get(new SaleId(saleId))
        .map(s -> s.phase() == Phase.RUNNING)
        .orElse(false);
  }

  @Override
  public void close() {
    orchestrator.close();
  }
}
