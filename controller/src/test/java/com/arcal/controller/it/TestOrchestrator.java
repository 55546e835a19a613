package com.arcal.controller.it;

import com.arcal.controller.azure.ArmBudgetPolicy;
import com.arcal.controller.azure.ArmClients;
import com.arcal.controller.azure.AzureContainerApps;
import com.arcal.controller.budget.ArmBudget;
import com.arcal.controller.budget.BudgetSettings;
import com.arcal.controller.endpoint.BuyerUrls;
import com.arcal.controller.endpoint.EngineEndpoints;
import com.arcal.controller.endpoint.HostsFile;
import com.arcal.controller.engine.GrpcEngineClient;
import com.arcal.controller.leader.LeaderElector;
import com.arcal.controller.metrics.ControllerMetrics;
import com.arcal.controller.queue.Backoff;
import com.arcal.controller.reconcile.ControllerSettings;
import com.arcal.controller.ControllerWiring;
import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.SaleDefaults;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.SaleStatus;
import com.arcal.controller.store.DesiredStateStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * One orchestrator (controller + its clients) against an {@link EmulatedAzure}; with a {@link
 * LeaderElector}, one replica of several that reconciles only while it leads.
 */
final class TestOrchestrator implements AutoCloseable {
  static final AppNaming NAMING = new AppNaming("sale-");

  final DesiredStateStore store;
  final GrpcEngineClient engines;
  final ArmBudget budget;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final ControllerWiring.Parts parts;

  TestOrchestrator(EmulatedAzure azure, DesiredStateStore store, BudgetSettings budgetSettings) {
    this(azure, store, budgetSettings, Optional.empty(), 0);
  }

  /** With a warm pool of that size. */
  TestOrchestrator(EmulatedAzure azure, DesiredStateStore store, int warmPool) {
    this(azure, store, BudgetSettings.defaults(), Optional.empty(), warmPool);
  }

  TestOrchestrator(EmulatedAzure azure, DesiredStateStore store, LeaderElector elector) {
    this(azure, store, BudgetSettings.defaults(), Optional.of(elector), 0);
  }

  private TestOrchestrator(
      EmulatedAzure azure,
      DesiredStateStore store,
      BudgetSettings budgetSettings,
      Optional<LeaderElector> elector,
      int warmPool) {
    this.store = store;
    Clock clock = Clock.systemUTC();
    ControllerMetrics metrics = new ControllerMetrics(registry);
    this.budget = new ArmBudget(budgetSettings, clock);
    var manager =
        ArmClients.manager(
            azure.connection(),
            azure.target,
            List.of(new ArmBudgetPolicy(budget, ArmBudgetPolicy.DEFAULT_MAX_WAIT, metrics)));
    HostsFile names = new HostsFile(azure.emulator.hostsFile());
    this.engines = GrpcEngineClient.resolvingThrough(Duration.ofSeconds(2), names::address);
    ControllerSettings settings =
        ControllerSettings.builder(
                "it-fleet", NAMING, new SaleDefaults("arcal/engine:local", "0.5", "1Gi"))
            .workers(4)
            .resyncPeriod(Duration.ofSeconds(2))
            .pollInterval(Duration.ofMillis(200))
            .engineHealing(Duration.ofSeconds(20), Duration.ofSeconds(40))
            .build();
    var apps = new AzureContainerApps(manager, azure.target);
    var backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 0.1);
    var wiring =
        ControllerWiring.builder(
                store, apps, engines, new EngineEndpoints(BuyerUrls.local(names)), settings)
            .backoff(backoff)
            .metrics(metrics)
            .clock(clock)
            .random(new SplittableRandom(7))
            .warmPool(warmPool);
    elector.ifPresent(wiring::elector);
    this.parts = wiring.build();
  }

  TestOrchestrator(EmulatedAzure azure, DesiredStateStore store) {
    this(azure, store, BudgetSettings.defaults());
  }

  TestOrchestrator start() {
    parts.controller().start();
    return this;
  }

  Optional<SaleStatus> status(String sale) {
    return parts.board().get(new SaleId(sale));
  }

  boolean running(String sale) {
    return status(sale).map(s -> s.phase() == Phase.RUNNING).orElse(false);
  }

  @Override
  public void close() {
    parts.controller().close();
    engines.close();
  }
}
