package com.arcal.controller.reconcile;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.endpoint.EngineEndpoints;
import com.arcal.controller.endpoint.EngineEndpoints.Endpoints;
import com.arcal.controller.engine.EngineException;
import com.arcal.controller.placement.Placement;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.status.Condition;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.StatusBoard;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The step after a provisioned app: once Azure has published its addresses, the status and the
 * placement learn where it lives, and {@link EngineConvergence} brings its engine to the sale,
 * unless it lives in an environment closed to new sales, whose engines are not dialled.
 */
final class EngineStart {
  private final ObservedApps observed;
  private final EngineEndpoints endpoints;
  private final StatusBoard board;
  private final EngineConvergence engineStep;
  private final ControllerSettings settings;
  private final Placement placement;
  private final Clock clock;

  EngineStart(
      ObservedApps observed,
      EngineEndpoints endpoints,
      StatusBoard board,
      EngineConvergence engineStep,
      ControllerSettings settings,
      Placement placement,
      Clock clock) {
    this.observed = observed;
    this.endpoints = endpoints;
    this.board = board;
    this.engineStep = engineStep;
    this.settings = settings;
    this.placement = placement;
    this.clock = clock;
  }

  Result converge(DesiredSale sale, String appName) {
    AppObservation app = observed.lookup(appName).app().orElseThrow();
    Optional<Endpoints> ends = endpoints.resolve(app);
    Optional<String> closed = app.environment().flatMap(placement::closedReason);
    Instant now = clock.instant();
    if (ends.isEmpty() && closed.isEmpty()) {
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
    board.update(sale.id(), s -> AppWrite.placed(s, app.environment(), now));
    if (closed.isPresent()) {
      // Its engine cannot be dialled from here (on Azure an app's name resolves only inside its
      // own environment): no gRPC attempt, hence no heal and no partition counted. The sale stays
      // where it is, as it was last known; a resync looks again.
      String why = "its engine is in " + app.environment().get().name() + ", closed: " + closed.get();
      board.update(
          sale.id(),
          s -> s.withConditionStatus(Condition.ENGINE_REACHABLE, "Unknown", "EnvironmentClosed", why, now));
      return Result.done();
    }
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
}
