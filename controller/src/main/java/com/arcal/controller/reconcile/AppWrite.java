package com.arcal.controller.reconcile;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.AppRequest;
import com.arcal.controller.azure.ArmException;
import com.arcal.controller.azure.ContainerAppsPort;
import com.arcal.controller.azure.EnvironmentId;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The app-write step: one PUT of the sale's app (a create or an update), placed in an environment
 * with the cores for it. A new app is placed by {@link Placement}; an existing one stays where it
 * lives. A create that Azure refuses for quota is placed again elsewhere, or waits unscheduled.
 */
final class AppWrite {
  private final ObservedApps observed;
  private final AppSpecs specs;
  private final ContainerAppsPort apps;
  private final StatusBoard board;
  private final HealthWatches watches;
  private final EngineSecrets secrets;
  private final ControllerSettings settings;
  private final Placement placement;
  private final Clock clock;

  AppWrite(
      ObservedApps observed,
      AppSpecs specs,
      ContainerAppsPort apps,
      StatusBoard board,
      HealthWatches watches,
      EngineSecrets secrets,
      ControllerSettings settings,
      Placement placement,
      Clock clock) {
    this.observed = observed;
    this.specs = specs;
    this.apps = apps;
    this.board = board;
    this.watches = watches;
    this.secrets = secrets;
    this.settings = settings;
    this.placement = placement;
    this.clock = clock;
  }

  Result put(DesiredSale sale, Decision decision, String appName) {
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
    HistoryAction action = create ? HistoryAction.CREATED : HistoryAction.UPDATED;
    board.update(
        sale.id(),
        s -> placed(s, where, now)
            .withGeneration(sale.generation())
            .withPhase(Phase.PROVISIONING, null)
            .withError(null)
            .withCondition(Condition.APP_PROVISIONED, false, "InProgress", decision.reason(), now)
            .withoutCondition(Condition.SALE_RUNNING)
            .withHistory(now, action, "PUT " + request.name() + " generation " + sale.generation()));
    return Result.requeueAfter(SaleReconciler.backstop(settings));
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
  static SaleStatus placed(SaleStatus status, Optional<EnvironmentId> where, Instant now) {
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
}
