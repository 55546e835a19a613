package com.arcal.controller.reconcile;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.ContainerAppsPort;
import com.arcal.controller.azure.ProvisioningState;
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
 * ({@code StartSale}, whose answer confirms it), and heal an engine that stays unreachable (restart the revision, then recreate
 * the app) when the {@link HealGate} lets it: ARM agrees it is broken, the disruption budget has
 * room, the orchestrator is not partitioned from its engines.
 */
public final class EngineConvergence {
  /** An unreachable engine is probed again this soon: a local gRPC attempt, no ARM call. */
  private static final Duration RECHECK = Duration.ofMillis(500);

  private final EngineClient engines;
  private final EngineSecrets secrets;
  private final ContainerAppsPort apps;
  private final ObservedApps observed;
  private final StatusBoard board;
  private final HealthWatches watches;
  private final HealGate gate;
  private final ControllerSettings settings;
  private final Clock clock;
  /** Since when each sale's engine has been unreachable; absent when it answered last time. */
  private final Map<String, Instant> unreachableSince = new ConcurrentHashMap<>();
  /** When we last restarted each app's revision to heal it. */
  private final Map<String, Instant> restartedAt = new ConcurrentHashMap<>();
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
    this.apps = apps;
    this.observed = observed;
    this.board = board;
    this.watches = watches;
    this.gate = gate;
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
      return unreachable(sale, app, endpoints, e.getMessage());
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
    unreachableSince.remove(appName);
    gate.reached(appName);
  }

  private Result unreachable(DesiredSale sale, AppObservation app, Endpoints endpoints, String why) {
    Instant now = clock.instant();
    if (gate.unreachable(app.name(), app.latestRevisionName())) {
      return partitioned(sale, app, endpoints, why, now);
    }
    Instant since = unreachableSince.computeIfAbsent(app.name(), k -> now);
    Duration down = Duration.between(since, now);
    Instant restarted = restartedAt.get(app.name());
    String revision = app.latestRevisionName();
    String healing = null;
    HealGate.Verdict deferred = null;
    if (restarted != null
        && restarted.isAfter(since.minusMillis(1))
        && Duration.between(restarted, now).compareTo(settings.engineRecreateAfter()) >= 0) {
      HealGate.Verdict verdict = gate.mayHeal(app.name(), revision, "recreate app");
      if (verdict.allowed()) {
        apps.beginDelete(app.name());
        observed.observed(app.withState(ProvisioningState.DELETING));
        restartedAt.remove(app.name());
        unreachableSince.remove(app.name());
        healing = "recreating the app: engine unreachable for " + down.toSeconds()
            + " s after a restart; " + verdict.message();
      } else {
        deferred = verdict;
      }
    } else if ((restarted == null || restarted.isBefore(since))
        && down.compareTo(settings.engineRestartAfter()) >= 0
        && !revision.isEmpty()) {
      HealGate.Verdict verdict = gate.mayHeal(app.name(), revision, "restart revision");
      if (verdict.allowed()) {
        apps.restartRevision(app.name(), revision);
        restartedAt.put(app.name(), now);
        healing = "restarted revision " + revision + ": engine unreachable for "
            + down.toSeconds() + " s; " + verdict.message();
      } else {
        deferred = verdict;
      }
    }
    String detail = healing;
    HealGate.Verdict held = deferred;
    board.update(
        sale.id(),
        s -> {
          SaleStatus next =
              s.withPhase(Phase.STARTING, null)
                  .withError(why)
                  .withCondition(Condition.ENGINE_REACHABLE, false, "Unreachable", why, now)
                  .withCondition(Condition.SALE_RUNNING, false, "EngineUnreachable", why, now);
          if (held != null) {
            next = deferral(next, held, now);
          }
          return detail == null ? next : next.withHistory(now, HistoryAction.HEALED, detail);
        });
    return Result.requeueAfter(RECHECK);
  }

  /** The heal waits: a condition says why, and the history once per reason. */
  private static SaleStatus deferral(SaleStatus s, HealGate.Verdict held, Instant now) {
    boolean sameReason =
        s.condition(Condition.HEAL_DEFERRED).map(c -> c.reason().equals(held.reason().word())).orElse(false);
    SaleStatus next =
        s.withCondition(Condition.HEAL_DEFERRED, true, held.reason().word(), held.message(), now);
    return sameReason ? next : next.withHistory(now, HistoryAction.DEFERRED, held.message());
  }

  /**
   * The orchestrator is partitioned from its engines: the sale is shown as last known (Running if
   * this controller ever started it) with {@code EngineReachable=Unknown}, and its outage clock is
   * stopped, so that the heal thresholds count again from the end of the partition.
   */
  private Result partitioned(
      DesiredSale sale, AppObservation app, Endpoints endpoints, String why, Instant now) {
    unreachableSince.remove(app.name());
    boolean wasRunning = startedOnce.contains(app.name());
    String message = "the orchestrator cannot reach most engines while ARM says they are healthy"
        + " (a partition); last known state shown: " + why;
    board.update(
        sale.id(),
        s -> {
          SaleStatus next =
              (wasRunning ? s.withPhase(Phase.RUNNING, endpoints.wsUrl()).withError(null) : s)
                  .withConditionStatus(
                      Condition.ENGINE_REACHABLE, "Unknown", HealGate.Reason.PARTITIONED.word(), message, now);
          return wasRunning
              ? next.withCondition(Condition.SALE_RUNNING, true, "LastKnown",
                  "running when its engine last answered", now)
              : next;
        });
    return Result.requeueAfter(RECHECK);
  }

  /** Forgets what it tracked for an app that is gone. */
  void forget(String appName) {
    unreachableSince.remove(appName);
    gate.forget(appName);
    restartedAt.remove(appName);
    startedOnce.remove(appName);
  }
}
