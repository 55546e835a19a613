package com.arcal.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.controller.ControllerWiring;
import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.AppRequest;
import com.arcal.controller.azure.ArmBudgetPolicy;
import com.arcal.controller.azure.EnvironmentFleet;
import com.arcal.controller.azure.EnvironmentId;
import com.arcal.controller.azure.ProvisioningState;
import com.arcal.controller.budget.ArmBudget;
import com.arcal.controller.budget.BudgetSettings;
import com.arcal.controller.endpoint.BuyerUrls;
import com.arcal.controller.endpoint.EngineEndpoints;
import com.arcal.controller.endpoint.HostsFile;
import com.arcal.controller.engine.GrpcEngineClient;
import com.arcal.controller.metrics.ControllerMetrics;
import com.arcal.controller.placement.EnvironmentCapacity;
import com.arcal.controller.queue.Backoff;
import com.arcal.controller.reconcile.ControllerSettings;
import com.arcal.controller.sale.SaleDefaults;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import com.arcal.controller.status.Condition;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.SaleStatus;
import com.arcal.controller.store.FileDesiredStateStore;
import com.arcal.emulator.EmulatorSettings;
import com.arcal.emulator.arm.Environments;
import com.arcal.emulator.runtime.RuntimeSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Placement against the emulator's core quotas, through the real SDK: two environments of 1 core
 * in two resource groups of two subscriptions, engines of 0.5 core. Two fit in each; the fifth
 * sale waits for cores and is created when one is deleted; a restart keeps every placement.
 */
class CapacityPlacementIT {
  private static final EnvironmentId ONE = new EnvironmentId("00000000-0000-0000-0000-0000000000a1", "rg-a", "env-1");
  private static final EnvironmentId TWO = new EnvironmentId("00000000-0000-0000-0000-0000000000b2", "rg-b", "env-2");
  private static final Duration SLOW = Duration.ofSeconds(60);

  @TempDir Path dir;
  private EmulatedAzure azure;
  private Orchestrator orchestrator;

  @BeforeEach
  void startAzure() {
    azure =
        EmulatedAzure.start(
            EmulatorSettings.builder(dir.resolve("emulator"))
                .resourceGroups(List.of("rg-a", "rg-b"))
                .environments(List.of("env-1", "env-2"))
                .environmentCores(1)
                .delays(Duration.ofMillis(200), Duration.ofMillis(200))
                .runtime(EmulatedAzure.runtime(dir.resolve("emulator"), RuntimeSettings.Mode.IN_PROCESS))
                .build());
  }

  @AfterEach
  void stop() {
    if (orchestrator != null) {
      orchestrator.close();
    }
    azure.close();
  }

  @Test
  void salesFillBothEnvironments_theFifthWaitsForCores_andARestartKeepsEveryPlacement() {
    orchestrator = new Orchestrator();
    SaleStatus waiting = orchestrator.desireUntilRunning(5, 4);
    assertThat(waiting.phase()).isEqualTo(Phase.PENDING);
    Condition scheduled = waiting.condition(Condition.SCHEDULED).orElseThrow();
    assertThat(scheduled.reason()).isEqualTo("InsufficientCores");
    assertThat(scheduled.message()).contains("env-1 1/1 cores used").contains("env-2 1/1 cores used");
    Map<String, String> placements = orchestrator.placements();
    assertThat(placements.values().stream().collect(Collectors.groupingBy(p -> p, Collectors.counting())))
        .containsEntry(ONE.toString(), 2L)
        .containsEntry(TWO.toString(), 2L);

    String leaving = placements.keySet().iterator().next();
    orchestrator.store.delete(new SaleId(leaving.substring("sale-".length())), Optional.empty());

    await().atMost(SLOW).until(() -> orchestrator.status(waiting.saleId().value()).phase() == Phase.RUNNING);
    placements = orchestrator.placements();
    assertThat(placements).hasSize(4);
    orchestrator.close();

    orchestrator = new Orchestrator();

    await().atMost(SLOW).until(() -> orchestrator.parts.board().all().size() == 4
        && orchestrator.parts.board().all().stream().allMatch(s -> s.phase() == Phase.RUNNING));
    assertThat(orchestrator.placements()).isEqualTo(placements);
    for (SaleStatus s : orchestrator.parts.board().all()) {
      assertThat(s.condition(Condition.SCHEDULED).orElseThrow().message())
          .isEqualToIgnoringCase(placements.get(s.appName()));
    }
    assertThat(orchestrator.parts.placement().capacity())
        .extracting(EnvironmentCapacity::used)
        .containsExactly(1.0, 1.0);
    assertThat(orchestrator.budgets).as("one ARM budget per subscription")
        .containsExactlyInAnyOrder(ONE.subscriptionId(), TWO.subscriptionId());
  }

  /**
   * Run in env-1, an orchestrator resolves the names of env-1's apps only (the emulator's hosts
   * file of env-1, as Azure scopes app names to their environment): env-2, closed to new sales,
   * gets none though it has room, and the sale env-1 has no room for waits, saying why.
   */
  @Test
  void runningInOneEnvironment_noSaleIsPlacedWhereItsEngineCannotBeReached() {
    Path ownNames = azure.emulator.hostsFile(Environments.defaultDomain("rg-a", "env-1"));
    orchestrator = new Orchestrator(ownNames, Map.of(TWO, "engines not reachable from env-1"));
    SaleStatus waiting = orchestrator.desireUntilRunning(3, 2);
    await().atMost(SLOW).until(() -> orchestrator.status(waiting.saleId().value())
        .condition(Condition.SCHEDULED).map(c -> c.reason().equals("InsufficientCores")).orElse(false));
    assertThat(orchestrator.status(waiting.saleId().value()).condition(Condition.SCHEDULED).orElseThrow().message())
        .contains("env-1 1/1 cores used")
        .contains("env-2 0/1 cores used, closed to new sales (engines not reachable from env-1)");
    assertThat(orchestrator.placements()).hasSize(2).allSatisfy((app, env) -> assertThat(env).isEqualTo(ONE.toString()));
    assertThat(orchestrator.parts.placement().capacity())
        .extracting(EnvironmentCapacity::open).containsExactly(true, false);
  }

  /**
   * A sale placed in env-2 by an orchestrator that reached it, then run by one in env-1 that
   * cannot: its app stays where it is, untouched, and its status says why its engine is not dialled.
   */
  @Test
  void aSaleAlreadyInAClosedEnvironment_staysThere_andSaysWhyItsEngineIsNotDialled() {
    orchestrator = new Orchestrator();
    orchestrator.desire("s1");
    orchestrator.desire("s2");
    await().atMost(SLOW).until(() -> orchestrator.phases().values().stream()
        .filter(p -> p == Phase.RUNNING).count() == 2);
    Map<String, String> placements = orchestrator.placements();
    assertThat(placements.values()).containsExactlyInAnyOrder(ONE.toString(), TWO.toString());
    String inTwo = placements.entrySet().stream()
        .filter(e -> e.getValue().equals(TWO.toString())).findFirst().orElseThrow().getKey();
    orchestrator.close();
    long writes = azure.emulator.stats().count("PUT", "containerApp", 201);

    orchestrator = new Orchestrator(
        azure.emulator.hostsFile(Environments.defaultDomain("rg-a", "env-1")),
        Map.of(TWO, "engines not reachable from env-1"));

    await().atMost(SLOW).until(() -> orchestrator.parts.board().all().stream()
        .filter(s -> s.appName().equals(inTwo))
        .anyMatch(s -> s.condition(Condition.ENGINE_REACHABLE)
            .map(c -> c.reason().equals("EnvironmentClosed")).orElse(false)));
    Condition reach = orchestrator.parts.board().all().stream()
        .filter(s -> s.appName().equals(inTwo)).findFirst().orElseThrow()
        .condition(Condition.ENGINE_REACHABLE).orElseThrow();
    assertThat(reach.status()).isEqualTo("Unknown");
    assertThat(reach.message()).isEqualTo("its engine is in env-2, closed: engines not reachable from env-1");
    await().atMost(SLOW).until(() -> orchestrator.phases().values().stream()
        .filter(p -> p == Phase.RUNNING).count() == 1);
    assertThat(orchestrator.placements()).as("nothing moved").isEqualTo(placements);
    assertThat(azure.emulator.stats().count("PUT", "containerApp", 201)).as("nothing written").isEqualTo(writes);
  }

  /** A controller over both environments, one ARM budget per subscription. */
  private final class Orchestrator implements AutoCloseable {
    final FileDesiredStateStore store;
    final GrpcEngineClient engines;
    final ControllerWiring.Parts parts;
    /** The subscriptions an ARM budget was made for. */
    final List<String> budgets = new CopyOnWriteArrayList<>();

    /** One that resolves every environment's app names. */
    Orchestrator() {
      this(azure.emulator.hostsFile(), Map.of());
    }

    /** One that resolves the app names in {@code hostsFile}, {@code closed} taking no new sales. */
    Orchestrator(Path hostsFile, Map<EnvironmentId, String> closed) {
      Clock clock = Clock.systemUTC();
      store = new FileDesiredStateStore(dir.resolve("desired.json"), TestOrchestrator.NAMING, clock, Duration.ofSeconds(1));
      ControllerMetrics metrics = new ControllerMetrics(new SimpleMeterRegistry());
      EnvironmentFleet fleet =
          EnvironmentFleet.open(
              azure.connection(),
              List.of(ONE, TWO),
              Optional.empty(),
              subscription -> {
                budgets.add(subscription);
                return List.of(new ArmBudgetPolicy(
                    new ArmBudget(BudgetSettings.defaults(), clock), ArmBudgetPolicy.DEFAULT_MAX_WAIT, metrics));
              });
      HostsFile names = new HostsFile(hostsFile);
      engines = GrpcEngineClient.resolvingThrough(Duration.ofSeconds(2), names::address);
      ControllerSettings settings =
          ControllerSettings.builder("it-fleet", TestOrchestrator.NAMING, new SaleDefaults("arcal/engine:local", "0.5", "1Gi"))
              .workers(4)
              .resyncPeriod(Duration.ofMinutes(10))
              .pollInterval(Duration.ofMillis(200))
              .engineHealing(Duration.ofSeconds(20), Duration.ofSeconds(40))
              .build();
      parts =
          ControllerWiring.builder(store, fleet.apps(), engines, new EngineEndpoints(BuyerUrls.local(names)), settings)
              .backoff(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 0.1))
              .metrics(metrics)
              .clock(clock)
              .random(new SplittableRandom(7))
              .environments(fleet.ids(), closed, fleet.usages())
              .build();
      parts.controller().start();
    }

    void desire(String id) {
      store.put(new SaleId(id), SaleSpec.ofConfig(Map.of()), Optional.empty());
    }

    /** Desires sales s1..s{@code sales}; once {@code running} of them run, one that does not. */
    SaleStatus desireUntilRunning(int sales, int running) {
      for (int i = 1; i <= sales; i++) {
        desire("s" + i);
      }
      await().atMost(SLOW).until(() -> phases().values().stream()
          .filter(p -> p == Phase.RUNNING).count() == running);
      return parts.board().all().stream()
          .filter(s -> s.phase() != Phase.RUNNING).findFirst().orElseThrow();
    }

    SaleStatus status(String id) {
      return parts.board().get(new SaleId(id)).orElseThrow();
    }

    Map<String, Phase> phases() {
      Map<String, Phase> phases = new TreeMap<>();
      parts.board().all().forEach(s -> phases.put(s.appName(), s.phase()));
      return phases;
    }

    /** App name to the environment its tag names, as Azure lists the apps. */
    Map<String, String> placements() {
      Map<String, String> placed = new TreeMap<>();
      for (AppObservation app : parts.observed().apps()) {
        if (app.state() == ProvisioningState.DELETING) {
          continue;
        }
        app.tag(AppRequest.ENVIRONMENT_TAG).ifPresent(env -> placed.put(app.name(), env));
        assertThat(app.environment().map(e -> e.toString().toLowerCase()))
            .as("the tag names the environment ARM says the app is in")
            .isEqualTo(app.tag(AppRequest.ENVIRONMENT_TAG).map(String::toLowerCase));
      }
      return placed;
    }

    @Override
    public void close() {
      parts.controller().close();
      engines.close();
      store.close();
    }
  }
}
