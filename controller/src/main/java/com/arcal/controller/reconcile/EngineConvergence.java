package com.arcal.controller.reconcile;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.ContainerAppsPort;
import com.arcal.controller.endpoint.EngineEndpoints.Endpoints;
import com.arcal.controller.engine.EngineClient;
import com.arcal.controller.engine.EngineException;
import com.arcal.controller.engine.EngineUnauthenticatedException;
import com.arcal.controller.engine.EngineView;
import com.arcal.controller.heal.HealGate;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.secret.EngineSecrets;
import com.arcal.controller.secret.Secret;
import com.arcal.controller.status.Condition;
import com.arcal.controller.status.HistoryAction;
import com.arcal.controller.status.HistoryEntry;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.SaleStatus;
import com.arcal.controller.status.StatusBoard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine half of reconciling a provisioned sale: reach the engine ({@code GetSale}; not for a
 * revision just provisioned), start the sale if it is not running it at the desired generation
 * ({@code StartSale}, whose answer confirms it); an engine that does not answer is
 * {@link EngineHealing}'s.
 */
public final class EngineConvergence {
  /** An unreachable engine is probed again this soon: a local gRPC attempt, no ARM call. */
  private static final Duration RECHECK = Duration.ofMillis(500);

  private final EngineClient engines;
  private final EngineSecrets secrets;
  private final StatusBoard board;
  private final HealthWatches watches;
  private final ControllerSettings settings;
  private final Clock clock;
  private final EngineHealing healer;
  /** Apps whose engine this controller has started once: starting it again is a heal. */
  private final Set<String> startedOnce = ConcurrentHashMap.newKeySet();

  public EngineConvergence(
      EngineClient engines,
      EngineSecrets secrets,
      ContainerAppsPort apps,
      ObservedApps observed,
      StatusBoard board,
      HealthWatches watches,
      HealGate gate,
      ControllerSettings settings,
      Clock clock) {
    this.engines = engines;
    this.secrets = secrets;
    this.board = board;
    this.watches = watches;
    this.healer = new EngineHealing(apps, observed, board, gate, settings, clock);
    this.settings = settings;
    this.clock = clock;
  }

  Result converge(DesiredSale sale, AppObservation app, Endpoints endpoints) {
    try {
      return reachAndStart(sale, app, endpoints, secrets.forEngine(app.name(), SaleReconciler.hasToken(app)));
    } catch (EngineUnauthenticatedException e) {
      // The engine holds another token than ours (its secret was changed): read it again.
      secrets.refused(app.name());
      throw e;
    } catch (EngineException e) {
      if (!e.unreachable()) {
        throw e;
      }
      healer.unreachable(sale, app, endpoints, e.getMessage(), startedOnce.contains(app.name()));
      return Result.requeueAfter(RECHECK);
    }
  }

  /** An unreachable engine throws; each answer ends an outage. */
  private Result reachAndStart(
      DesiredSale sale, AppObservation app, Endpoints endpoints, Optional<Secret> token) {
    String id = sale.id().value();
    // Just provisioned: the new revision's engine has never run a sale, so there is nothing to
    // read first; StartSale is idempotent and its answer says what the engine runs.
    boolean provisioned =
        board.get(sale.id()).map(s -> s.phase() == Phase.PROVISIONING).orElse(false);
    String engineState = "new";
    if (!provisioned) {
      EngineView view = engines.get(endpoints.grpc(), token);
      reached(app.name());
      if (view.state() == EngineView.State.RUNNING && !view.saleId().equals(id)) {
        board.update(
            sale.id(),
            s -> s.withPhase(Phase.FAILED, null)
                .withError("engine of " + app.name() + " runs another sale: " + view.saleId()));
        return Result.done();
      }
      if (view.runs(id, sale.generation())) {
        // Started by us (a StartSale whose answer was lost) or before a restart of ours: starting
        // this app's engine again, after it restarts, is a heal.
        startedOnce.add(app.name());
        return running(sale, endpoints, null);
      }
      engineState = view.state().toString();
    }
    boolean healing = startedOnce.contains(app.name());
    String starting = "engine is " + engineState;
    board.update(
        sale.id(),
        s -> s.withPhase(Phase.STARTING, null)
            .withCondition(Condition.ENGINE_REACHABLE, true, "Reachable", "", clock.instant())
            .withCondition(Condition.SALE_RUNNING, false, "Starting", starting, clock.instant()));
    // StartSale answers with the engine's status after the call: that answer is the confirmation.
    EngineView confirmed =
        engines.start(endpoints.grpc(), token, sale.id(), settingsConfig(sale), sale.generation());
    reached(app.name());
    if (!confirmed.runs(id, sale.generation())) {
      return Result.requeueAfter(RECHECK);
    }
    startedOnce.add(app.name());
    HistoryEntry history =
        new HistoryEntry(
            clock.instant(),
            healing ? HistoryAction.HEALED : HistoryAction.STARTED,
            "StartSale generation " + sale.generation());
    return running(sale, endpoints, history);
  }

  private Map<String, String> settingsConfig(DesiredSale sale) {
    return settings.defaults().apply(sale.spec()).config();
  }

  private Result running(DesiredSale sale, Endpoints endpoints, HistoryEntry history) {
    Instant now = clock.instant();
    board.update(
        sale.id(),
        s -> {
          SaleStatus next =
              s.withGeneration(sale.generation())
                  .withPhase(Phase.RUNNING, endpoints.wsUrl())
                  .withError(null)
                  // Running at the desired generation: a deletion held earlier no longer applies.
                  .withoutCondition(Condition.DELETION_HELD)
                  .withoutCondition(Condition.HEAL_DEFERRED)
                  .withCondition(Condition.APP_PROVISIONED, true, "Succeeded", "", now)
                  .withCondition(Condition.ENGINE_REACHABLE, true, "Reachable", "", now)
                  .withCondition(
                      Condition.SALE_RUNNING,
                      true,
                      "Running",
                      "generation " + sale.generation(),
                      now);
          return history == null
              ? next
              : next.withHistory(history.at(), history.action(), history.detail());
        });
    watches.ensure(sale.id(), endpoints.grpc());
    return Result.done();
  }

  private void reached(String appName) {
    healer.reached(appName);
  }

  /** Forgets what it tracked for an app that is gone. */
  void forget(String appName) {
    healer.forget(appName);
    startedOnce.remove(appName);
  }
}
