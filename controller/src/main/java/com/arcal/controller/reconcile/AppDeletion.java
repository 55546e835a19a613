package com.arcal.controller.reconcile;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.ArmException;
import com.arcal.controller.azure.ContainerAppsPort;
import com.arcal.controller.azure.ProvisioningState;
import com.arcal.controller.endpoint.EngineEndpoints;
import com.arcal.controller.engine.EngineClient;
import com.arcal.controller.placement.Placement;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.secret.EngineSecrets;
import com.arcal.controller.secret.Secret;
import com.arcal.controller.status.Condition;
import com.arcal.controller.status.HistoryAction;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.StatusBoard;
import com.arcal.controller.store.DesiredStateStore;
import com.arcal.controller.store.StoreProblem;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The deletion step: stops the engine (best effort) and deletes the app of a sale no longer
 * desired, unless a brake holds it: a desired state that cannot be read, or a deletion that
 * {@link HeldDeletions} keeps for an operator's confirmation. A held deletion says why in the
 * sale's {@link Condition#DELETION_HELD} condition.
 */
final class AppDeletion {
  private final DesiredStateStore store;
  private final ObservedApps observed;
  private final ContainerAppsPort apps;
  private final EngineClient engines;
  private final EngineEndpoints endpoints;
  private final StatusBoard board;
  private final HealthWatches watches;
  private final HeldDeletions deletions;
  private final EngineConvergence engineStep;
  private final EngineSecrets secrets;
  private final ControllerSettings settings;
  private final Placement placement;
  private final Clock clock;

  AppDeletion(
      DesiredStateStore store,
      ObservedApps observed,
      ContainerAppsPort apps,
      EngineClient engines,
      EngineEndpoints endpoints,
      StatusBoard board,
      HealthWatches watches,
      HeldDeletions deletions,
      EngineConvergence engineStep,
      EngineSecrets secrets,
      ControllerSettings settings,
      Placement placement,
      Clock clock) {
    this.store = store;
    this.observed = observed;
    this.apps = apps;
    this.engines = engines;
    this.endpoints = endpoints;
    this.board = board;
    this.watches = watches;
    this.deletions = deletions;
    this.engineStep = engineStep;
    this.secrets = secrets;
    this.settings = settings;
    this.placement = placement;
    this.clock = clock;
  }

  Result delete(SaleId id, String appName) {
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
    return Result.requeueAfter(SaleReconciler.backstop(settings));
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
    Optional<Secret> token = SaleReconciler.hasToken(app) ? secrets.remembered(app.name()) : Optional.empty();
    if (app.state() != ProvisioningState.SUCCEEDED || (SaleReconciler.hasToken(app) && token.isEmpty())) {
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
}
