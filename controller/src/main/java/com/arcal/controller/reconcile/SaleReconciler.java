package com.arcal.controller.reconcile;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.ContainerAppsPort;
import com.arcal.controller.endpoint.EngineEndpoints;
import com.arcal.controller.engine.EngineClient;
import com.arcal.controller.placement.Placement;
import com.arcal.controller.reconcile.Planner.Decision;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.secret.EngineSecrets;
import com.arcal.controller.status.Condition;
import com.arcal.controller.status.HistoryAction;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.StatusBoard;
import com.arcal.controller.store.DesiredStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Level-based reconciliation of one sale: reads the desired state and the observed app on every
 * pass, takes at most one step on the app (through {@link Planner}), then converges the engine.
 * It never waits for a long-running operation: it starts it and asks to be called again. It keeps
 * the dispatch of the planner's decision and the small steps; the larger ones have their class:
 * {@link AppWrite} (PUT, placed), {@link RolloutUpdate} (an update waits for its rollout turn),
 * {@link EngineStart} (a provisioned app's engine) and {@link AppDeletion} (delete, or hold).
 */
public final class SaleReconciler {
  private final DesiredStateStore store;
  private final ObservedApps observed;
  private final Planner planner;
  private final ContainerAppsPort apps;
  private final EngineClient engines;
  private final EngineEndpoints endpoints;
  private final StatusBoard board;
  private final HealthWatches watches;
  private final EngineConvergence engineStep;
  private final EngineSecrets secrets;
  private final ControllerSettings settings;
  private final Placement placement;
  private final Clock clock;
  private final AppPool pool;
  private final SaleApps saleApps;
  private final AppWrite write;
  private final RolloutUpdate update;
  private final EngineStart start;
  private final AppDeletion deletion;

  /** {@code pool}: a new sale whose spec matches takes a ready app from it ({@link AppPool#NONE}: none). */
  public SaleReconciler(
      DesiredStateStore store,
      ObservedApps observed,
      Planner planner,
      AppSpecs specs,
      ContainerAppsPort apps,
      EngineClient engines,
      EngineEndpoints endpoints,
      StatusBoard board,
      HealthWatches watches,
      HeldDeletions deletions,
      RolloutGate rollout,
      EngineConvergence engineStep,
      EngineSecrets secrets,
      ControllerSettings settings,
      Placement placement,
      Clock clock,
      AppPool pool) {
    this.store = store;
    this.observed = observed;
    this.planner = planner;
    this.apps = apps;
    this.engines = engines;
    this.endpoints = endpoints;
    this.board = board;
    this.watches = watches;
    this.engineStep = engineStep;
    this.secrets = secrets;
    this.settings = settings;
    this.placement = placement;
    this.clock = clock;
    this.pool = pool;
    this.saleApps = new SaleApps(settings.naming(), observed, pool);
    this.write =
        new AppWrite(observed, specs, apps, board, watches, secrets, settings, placement, clock);
    this.start = new EngineStart(observed, endpoints, board, engineStep, settings, placement, clock);
    this.update =
        new RolloutUpdate(observed, specs, board, rollout,
            new EngineBuyers(engines, endpoints, secrets), write, start);
    this.deletion =
        new AppDeletion(store, observed, apps, engines, endpoints, board, watches, deletions,
            engineStep, secrets, settings, placement, clock);
  }

  public Result reconcile(SaleId id) {
    String appName = saleApps.of(id);
    Optional<DesiredSale> desired = store.snapshot().sale(id);
    Decision decision = planner.decide(desired, observed.lookup(appName));
    if (decision.action() == Planner.Action.READ) {
      refresh(appName);
      decision = planner.decide(desired, observed.lookup(appName));
    } else if (decision.action() == Planner.Action.WAIT
        && !observed.listCheaperFor(observed.busyCount())) {
      // Only apps with an operation in flight are read one by one, and only while that costs
      // fewer reads than a LIST: otherwise the controller's shared LIST observes them.
      refresh(appName);
      decision = planner.decide(desired, observed.lookup(appName));
    }
    return switch (decision.action()) {
      case READ -> Result.requeueAfter(settings.pollInterval());
      case FORGET -> forget(id, appName);
      case CREATE -> create(desired.get(), decision, appName);
      case UPDATE -> update.update(desired.get(), appName, decision);
      case RETRY_PROVISIONING -> retryProvisioning(desired.get(), decision, appName);
      case WAIT -> waiting(id, appName, desired);
      case CONVERGE_ENGINE -> start.converge(desired.get(), appName);
      case DELETE -> deletion.delete(id, appName);
      case FOREIGN -> foreign(id, decision);
    };
  }

  /** A ready pool app bound by its tags, then its engine started at once; else a new app. */
  private Result create(DesiredSale sale, Decision decision, String appName) {
    Optional<AppObservation> taken = pool.claim(sale);
    if (taken.isEmpty()) {
      return write.put(sale, decision, appName);
    }
    String name = taken.get().name();
    board.update(
        sale.id(),
        s -> s.withGeneration(sale.generation())
            .withAppName(name)
            .withError(null)
            .withHistory(clock.instant(), HistoryAction.BOUND, "pool app " + name + " (tags only)"));
    return start.converge(sale, name);
  }

  private void refresh(String appName) {
    Optional<AppObservation> app = apps.get(appName);
    if (app.isPresent()) {
      observed.observed(app.get());
    } else {
      observed.absent(appName);
    }
  }

  private Result forget(SaleId id, String appName) {
    placement.released(id);
    watches.cancel(id);
    engineStep.forget(appName);
    secrets.forget(appName);
    board.remove(id);
    return Result.done();
  }

  /** Whether the app carries an engine token (apps from before tokens do not). */
  static boolean hasToken(AppObservation app) {
    return app.secretEnv().contains(EngineSecrets.ENV);
  }

  private Result retryProvisioning(DesiredSale sale, Decision decision, String appName) {
    Instant now = clock.instant();
    board.update(
        sale.id(),
        s -> s.withPhase(Phase.PROVISIONING, null)
            .withError("Azure reported: " + decision.reason())
            .withCondition(Condition.APP_PROVISIONED, false, "ProvisioningFailed", decision.reason(), now));
    write.put(sale, decision, appName);
    return Result.retryWithBackoff();
  }

  private Result waiting(SaleId id, String appName, Optional<DesiredSale> desired) {
    Phase phase = desired.isPresent() ? Phase.PROVISIONING : Phase.DELETING;
    board.update(id, s -> s.withPhase(phase, null));
    if (desired.isPresent()) {
      // StartSale follows the end of provisioning: let it find the connection open (the
      // channel keeps retrying on its own backoff until the engine listens).
      observed.lookup(appName).app()
          .flatMap(endpoints::resolve)
          .ifPresent(ends -> engines.connect(ends.grpc()));
    }
    return Result.requeueAfter(backstop(settings));
  }

  /**
   * When to look again at an app whose operation is in flight if nothing else does: the
   * controller's poll of operations in flight enqueues the sale every poll interval (a few in
   * flight) or as soon as a shared LIST shows its operation ended (many), so this is a backstop.
   */
  static Duration backstop(ControllerSettings settings) {
    return settings.pollInterval().multipliedBy(5);
  }

  private Result foreign(SaleId id, Decision decision) {
    board.update(
        id, s -> s.withPhase(Phase.FAILED, null).withError(decision.reason()));
    return Result.done();
  }
}
