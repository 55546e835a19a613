package com.arcal.controller.reconcile;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.ArmException;
import com.arcal.controller.azure.AppRequest;
import com.arcal.controller.azure.ContainerAppsPort;
import com.arcal.controller.azure.EnvironmentId;
import com.arcal.controller.azure.ProvisioningState;
import com.arcal.controller.endpoint.EngineEndpoints;
import com.arcal.controller.endpoint.EngineEndpoints.Endpoints;
import com.arcal.controller.engine.EngineClient;
import com.arcal.controller.engine.EngineException;
import com.arcal.controller.placement.Placement;
import com.arcal.controller.placement.QuotaRefusal;
import com.arcal.controller.reconcile.Planner.Decision;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.secret.EngineSecrets;
import com.arcal.controller.secret.Secret;
import com.arcal.controller.status.Condition;
import com.arcal.controller.status.HistoryAction;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.SaleStatus;
import com.arcal.controller.status.StatusBoard;
import com.arcal.controller.store.DesiredStateStore;
import com.arcal.controller.store.StoreProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Level-based reconciliation of one sale: reads the desired state and the observed app on every
 * pass, takes at most one step on the app (through {@link Planner}), then converges the engine.
 * It never waits for a long-running operation: it starts it and asks to be called again.
 */
public final class SaleReconciler {
  private final DesiredStateStore store;
  private final ObservedApps observed;
  private final Planner planner;
  private final AppSpecs specs;
  private final ContainerAppsPort apps;
  private final EngineClient engines;
  private final EngineEndpoints endpoints;
  private final StatusBoard board;
  private final HealthWatches watches;
  private final HeldDeletions deletions;
  private final RolloutGate rollout;
  private final EngineBuyers buyers;
  private final EngineConvergence engineStep;
  private final EngineSecrets secrets;
  private final ControllerSettings settings;
  private final Placement placement;
  private final Clock clock;
  private final AppPool pool;
  private final SaleApps saleApps;

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
      Clock clock) {
    this(store, observed, planner, specs, apps, engines, endpoints, board, watches, deletions,
        rollout, engineStep, secrets, settings, placement, clock, AppPool.NONE);
  }

  /** With a warm pool: a new sale whose spec matches takes a ready app from it. */
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
    this.pool = pool;
    this.saleApps = new SaleApps(settings.naming(), observed, pool);
    this.store = store;
    this.observed = observed;
    this.planner = planner;
    this.specs = specs;
    this.apps = apps;
    this.engines = engines;
    this.endpoints = endpoints;
    this.board = board;
    this.watches = watches;
    this.deletions = deletions;
    this.rollout = rollout;
    this.buyers = new EngineBuyers(engines, endpoints, secrets);
    this.engineStep = engineStep;
    this.secrets = secrets;
    this.settings = settings;
    this.placement = placement;
    this.clock = clock;
  }

  public Result reconcile(SaleId id) {
    String appName = saleApps.of(id);
    Optional<DesiredSale> desired = store.snapshot().sale(id);
    Decision decision = planner.decide(desired, observed.lookup(appName));
    if (decision.action() == Planner.Action.READ) {
      refresh(appName);
      decision = planner.decide(desired, observed.lookup(appName));
    } else if (decision.action() == Planner.Action.WAIT
        && !observed.listCheaperFor(observed.busy().size())) {
      // Only apps with an operation in flight are read one by one, and only while that costs
      // fewer reads than a LIST: otherwise the controller's shared LIST observes them.
      refresh(appName);
      decision = planner.decide(desired, observed.lookup(appName));
    }
    return switch (decision.action()) {
      case READ -> Result.requeueAfter(settings.pollInterval());
      case FORGET -> forget(id, appName);
      case CREATE -> create(desired.get(), decision, appName);
      case UPDATE -> update(desired.get(), appName, decision);
      case RETRY_PROVISIONING -> retryProvisioning(desired.get(), decision, appName);
      case WAIT -> waiting(id, appName, desired);
      case CONVERGE_ENGINE -> convergeEngine(desired.get(), appName);
      case DELETE -> delete(id, appName);
      case FOREIGN -> foreign(id, decision);
    };
  }

  /** A ready pool app bound by its tags, then its engine started at once; else a new app. */
  private Result create(DesiredSale sale, Decision decision, String appName) {
    Optional<AppObservation> taken = pool.claim(sale);
    if (taken.isEmpty()) {
      return put(sale, decision, appName);
    }
    String name = taken.get().name();
    board.update(
        sale.id(),
        s -> s.withGeneration(sale.generation())
            .withAppName(name)
            .withError(null)
            .withHistory(clock.instant(), HistoryAction.BOUND, "pool app " + name + " (tags only)"));
    return convergeEngine(sale, name);
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

  /** An update restarts the engine: it waits for its turn in the rollout. */
  private Result update(DesiredSale sale, String appName, Decision decision) {
    AppObservation app = observed.lookup(appName).app().orElseThrow();
    // Running, or not looked at yet since a restart: its engine may have buyers.
    Phase phase = board.get(sale.id()).map(s -> s.phase()).orElse(Phase.PENDING);
    boolean serving = phase == Phase.RUNNING || phase == Phase.PENDING;
    RolloutGate.Verdict verdict = rollout.admit(sale, app, serving ? buyers.connected(app) : 0);
    if (verdict.admitted()) {
      return put(sale, decision, appName);
    }
    // Held: the engine keeps serving what its app runs; look after it (status, heal) as that.
    deployed(sale, app).ifPresent(asRunning -> convergeEngine(asRunning, appName));
    return Result.requeueAfter(verdict.recheck());
  }

  /** The sale as its provisioned app runs it: the app's generation and config. */
  private Optional<DesiredSale> deployed(DesiredSale sale, AppObservation app) {
    if (app.state() != ProvisioningState.SUCCEEDED) {
      return Optional.empty();
    }
    try {
      long generation = Long.parseLong(app.tags().getOrDefault(Ownership.GENERATION, ""));
      return specs.specOf(app).map(spec -> new DesiredSale(sale.id(), spec, generation));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private Result put(DesiredSale sale, Decision decision, String appName) {
    boolean create = decision.action() == Planner.Action.CREATE;
    Optional<AppObservation> existing = create ? Optional.empty() : observed.lookup(appName).app();
    double cores = Double.parseDouble(specs.effective(sale, existing).cpu());
    Optional<EnvironmentId> where = create ? placement.place(sale.id(), cores) : home(sale.id(), existing, cores);
    if (create && where.isEmpty()) {
      return unscheduled(sale.id(), cores);
    }
    AppRequest unplaced = specs.request(sale, existing, engineToken(appName, decision), appName);
    AppRequest request = where.map(unplaced::placedIn).orElse(unplaced);
    AppObservation answered;
    try {
      answered = apps.beginCreateOrUpdate(request);
    } catch (ArmException e) {
      if (e.outcomeUnknown()) {
        observed.uncertain(request.name());
      }
      if (create && QuotaRefusal.is(e)) {
        placement.refused(sale.id(), where.get(), cores);
        // Placed again at once if another environment has room; else it waits for cores.
        return placement.place(sale.id(), cores).isPresent()
            ? Result.requeueAfter(Duration.ZERO)
            : unscheduled(sale.id(), cores);
      }
      throw e;
    }
    observed.observed(answered);
    watches.cancel(sale.id());
    Instant now = clock.instant();
    HistoryAction action =
        decision.action() == Planner.Action.CREATE ? HistoryAction.CREATED : HistoryAction.UPDATED;
    board.update(
        sale.id(),
        s -> placed(s, where, now)
            .withGeneration(sale.generation())
            .withPhase(Phase.PROVISIONING, null)
            .withError(null)
            .withCondition(Condition.APP_PROVISIONED, false, "InProgress", decision.reason(), now)
            .withoutCondition(Condition.SALE_RUNNING)
            .withHistory(now, action, "PUT " + request.name() + " generation " + sale.generation()));
    return Result.requeueAfter(backstop());
  }

  /**
   * The environment an existing app lives in: it is never moved, and its update keeps its
   * placement tag. Empty for an app from before placement whose body names none (its update goes
   * where it was seen).
   */
  private Optional<EnvironmentId> home(SaleId id, Optional<AppObservation> app, double cores) {
    Optional<EnvironmentId> home = app.flatMap(AppObservation::environment);
    home.ifPresent(env -> placement.placedAt(id, env, cores));
    return home;
  }

  /** The status naming the environment the app lives in, when known. */
  private static SaleStatus placed(SaleStatus status, Optional<EnvironmentId> where, Instant now) {
    return where
        .map(env -> status.withCondition(Condition.SCHEDULED, true, "Placed", env.toString(), now))
        .orElse(status);
  }

  /**
   * No environment has the cores: the sale waits, and the placement enqueues it when room
   * appears (cores released, or a resync reads more free); nothing is retried meanwhile.
   */
  private Result unscheduled(SaleId id, double cores) {
    Instant now = clock.instant();
    String why = placement.shortage(cores);
    board.update(
        id,
        s -> s.withPhase(Phase.PENDING, null)
            .withCondition(Condition.SCHEDULED, false, "InsufficientCores", why, now));
    return Result.done();
  }

  /**
   * A new app gets a new token; an existing one keeps the token it has, or gets its first one
   * with this update (an app adopted from before engines had tokens).
   */
  private Secret engineToken(String appName, Decision decision) {
    if (decision.action() == Planner.Action.CREATE) {
      return secrets.fresh(appName);
    }
    return secrets.forUpdate(appName, observed.lookup(appName).app().map(SaleReconciler::hasToken).orElse(false));
  }

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
    put(sale, decision, appName);
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
    return Result.requeueAfter(backstop());
  }

  /**
   * When to look again at an app whose operation is in flight if nothing else does: the
   * controller's poll of operations in flight enqueues the sale every poll interval (a few in
   * flight) or as soon as a shared LIST shows its operation ended (many), so this is a backstop.
   */
  private Duration backstop() {
    return settings.pollInterval().multipliedBy(5);
  }

  private Result convergeEngine(DesiredSale sale, String appName) {
    AppObservation app = observed.lookup(appName).app().orElseThrow();
    Optional<Endpoints> ends = endpoints.resolve(app);
    Instant now = clock.instant();
    if (ends.isEmpty()) {
      board.update(
          sale.id(),
          s -> s.withPhase(Phase.STARTING, null)
              .withCondition(Condition.APP_PROVISIONED, true, "Succeeded", "", now)
              .withCondition(
                  Condition.ENGINE_REACHABLE, false, "NoAddress", "Azure has not published the app's addresses (ingress FQDN, gRPC port mapping) yet", now));
      return Result.requeueAfter(settings.pollInterval());
    }
    board.update(
        sale.id(),
        s -> s.withGeneration(sale.generation())
            .withAppName(appName)
            .withCondition(Condition.APP_PROVISIONED, true, "Succeeded", "", now));
    // After a restart too, the status and the core count learn where the app lives.
    app.environment().ifPresent(env -> placement.placedAt(sale.id(), env, app.cores()));
    board.update(sale.id(), s -> placed(s, app.environment(), now));
    try {
      return engineStep.converge(sale, app, ends.get());
    } catch (EngineException e) {
      board.update(
          sale.id(),
          s -> s.withPhase(Phase.STARTING, null)
              .withError(e.getMessage())
              .withCondition(Condition.SALE_RUNNING, false, "StartRefused", e.getMessage(), now));
      return Result.retryWithBackoff();
    }
  }

  private Result delete(SaleId id, String appName) {
    Instant now = clock.instant();
    Optional<StoreProblem> problem = store.problem();
    if (problem.isPresent()) {
      // The document in force may be stale or truncated: delete nothing until it reads again.
      return held(id, "DesiredStateInvalid",
          "deletion held while the desired state cannot be read: " + problem.get().message(), now);
    }
    if (!deletions.mayDelete(appName)) {
      return held(id, "BlastRadiusBrake",
          "deletion held until an operator confirms it (POST /deletions/confirm)", now);
    }
    AppObservation app = observed.lookup(appName).app().orElseThrow();
    app.environment().ifPresent(env -> placement.placedAt(id, env, app.cores()));
    stopEngineQuietly(id, app);
    watches.cancel(id);
    try {
      apps.beginDelete(appName);
    } catch (ArmException e) {
      if (e.outcomeUnknown()) {
        observed.uncertain(appName);
      }
      throw e;
    }
    observed.observed(app.withState(ProvisioningState.DELETING));
    endpoints.resolve(app).ifPresent(ends -> engines.forget(ends.grpc()));
    engineStep.forget(appName);
    secrets.forget(appName);
    board.update(
        id,
        s -> s.withPhase(Phase.DELETING, null)
            .withoutCondition(Condition.DELETION_HELD)
            .withHistory(now, HistoryAction.DELETED, "DELETE " + appName));
    return Result.requeueAfter(backstop());
  }

  private Result held(SaleId id, String reason, String message, Instant now) {
    board.update(
        id,
        s -> s.withPhase(Phase.DELETING, null)
            .withCondition(Condition.DELETION_HELD, true, reason, message, now));
    return Result.done();
  }

  /**
   * Best effort: the sale is going away whatever the engine answers. Not worth an ARM write: an
   * engine whose token is not remembered (just after a restart) is not asked, its deletion stops
   * it all the same.
   */
  private void stopEngineQuietly(SaleId id, AppObservation app) {
    Optional<Secret> token = hasToken(app) ? secrets.remembered(app.name()) : Optional.empty();
    if (app.state() != ProvisioningState.SUCCEEDED || (hasToken(app) && token.isEmpty())) {
      return;
    }
    endpoints
        .resolve(app)
        .ifPresent(
            ends -> {
              try {
                engines.stop(ends.grpc(), token, id);
              } catch (RuntimeException e) {
                // unreachable or refusing: the deletion stops it anyway
              }
            });
  }

  private Result foreign(SaleId id, Decision decision) {
    board.update(
        id, s -> s.withPhase(Phase.FAILED, null).withError(decision.reason()));
    return Result.done();
  }
}
