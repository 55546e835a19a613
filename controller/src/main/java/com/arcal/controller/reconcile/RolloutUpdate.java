package com.arcal.controller.reconcile;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.ProvisioningState;
import com.arcal.controller.reconcile.Planner.Decision;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.StatusBoard;
import java.util.Optional;

/**
 * The update step: an update restarts the engine, so it waits for its turn in the rollout
 * ({@link RolloutGate}, told how many buyers the engine serves). Admitted, the app is written;
 * held, the engine keeps being looked after as what its app runs now.
 */
final class RolloutUpdate {
  private final ObservedApps observed;
  private final AppSpecs specs;
  private final StatusBoard board;
  private final RolloutGate rollout;
  private final EngineBuyers buyers;
  private final AppWrite write;
  private final EngineStart start;

  RolloutUpdate(
      ObservedApps observed,
      AppSpecs specs,
      StatusBoard board,
      RolloutGate rollout,
      EngineBuyers buyers,
      AppWrite write,
      EngineStart start) {
    this.observed = observed;
    this.specs = specs;
    this.board = board;
    this.rollout = rollout;
    this.buyers = buyers;
    this.write = write;
    this.start = start;
  }

  Result update(DesiredSale sale, String appName, Decision decision) {
    AppObservation app = observed.lookup(appName).app().orElseThrow();
    // Running, or not looked at yet since a restart: its engine may have buyers.
    Phase phase = board.get(sale.id()).map(s -> s.phase()).orElse(Phase.PENDING);
    boolean serving = phase == Phase.RUNNING || phase == Phase.PENDING;
    RolloutGate.Verdict verdict = rollout.admit(sale, app, serving ? buyers.connected(app) : 0);
    if (verdict.admitted()) {
      return write.put(sale, decision, appName);
    }
    // Held: the engine keeps serving what its app runs; look after it (status, heal) as that.
    deployed(sale, app).ifPresent(asRunning -> start.converge(asRunning, appName));
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
}
