package com.arcal.controller.reconcile;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.ContainerAppsPort;
import com.arcal.controller.azure.ProvisioningState;
import com.arcal.controller.endpoint.EngineEndpoints.Endpoints;
import com.arcal.controller.heal.HealGate;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.status.Condition;
import com.arcal.controller.status.HistoryAction;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.SaleStatus;
import com.arcal.controller.status.StatusBoard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Heals a sale whose engine stays unreachable: restarts its revision after
 * {@code engineRestartAfter}, recreates its app {@code engineRecreateAfter} after that restart,
 * each only when the {@link HealGate} lets it (ARM agrees the engine is broken, the disruption
 * budget has room, the orchestrator is not partitioned from its engines). Writes what it did, or
 * why it did not, into the sale's status.
 */
final class EngineHealing {
  private final ContainerAppsPort apps;
  private final ObservedApps observed;
  private final StatusBoard board;
  private final HealGate gate;
  private final ControllerSettings settings;
  private final Clock clock;
  /** Since when each sale's engine has been unreachable; absent when it answered last time. */
  private final Map<String, Instant> unreachableSince = new ConcurrentHashMap<>();
  /** When we last restarted each app's revision to heal it. */
  private final Map<String, Instant> restartedAt = new ConcurrentHashMap<>();

  EngineHealing(
      ContainerAppsPort apps,
      ObservedApps observed,
      StatusBoard board,
      HealGate gate,
      ControllerSettings settings,
      Clock clock) {
    this.apps = apps;
    this.observed = observed;
    this.board = board;
    this.gate = gate;
    this.settings = settings;
    this.clock = clock;
  }

  /** The engine answered: its outage, if any, is over. */
  void reached(String appName) {
    unreachableSince.remove(appName);
    gate.reached(appName);
  }

  /**
   * The engine did not answer ({@code why}); {@code wasRunning}: this controller had started it.
   * Heals it when it has been down long enough and the gate lets it; the status says what.
   */
  void unreachable(
      DesiredSale sale, AppObservation app, Endpoints endpoints, String why, boolean wasRunning) {
    Instant now = clock.instant();
    if (gate.unreachable(app.name(), app.latestRevisionName())) {
      partitioned(sale, app, endpoints, why, wasRunning, now);
      return;
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
  private void partitioned(DesiredSale sale, AppObservation app, Endpoints endpoints, String why,
      boolean wasRunning, Instant now) {
    unreachableSince.remove(app.name());
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
  }

  /** Forgets what it tracked for an app that is gone. */
  void forget(String appName) {
    unreachableSince.remove(appName);
    restartedAt.remove(appName);
    gate.forget(appName);
  }
}
