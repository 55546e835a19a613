package com.arcal.controller.reconcile;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.reconcile.ControllerSettings.BrakeSettings;
import com.arcal.controller.reconcile.Planner.Decision;
import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.StatusBoard;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plan for a whole desired state: {@link Planner}'s decision for every desired sale and every
 * owned app, plus the brake's verdict on the deletions. Reads only memory (the apps as last
 * observed and the status board); sends nothing to Azure.
 */
public final class FleetPlanner {
  private final Planner planner;
  private final Ownership ownership;
  private final ObservedApps observed;
  private final StatusBoard board;
  private final ControllerSettings settings;
  private final SaleApps saleApps;

  public FleetPlanner(
      Planner planner, Ownership ownership, ObservedApps observed, StatusBoard board, ControllerSettings settings) {
    this(planner, ownership, observed, board, settings, AppPool.NONE);
  }

  /** With a warm pool: a sale that took a pool app is planned on that app. */
  public FleetPlanner(
      Planner planner, Ownership ownership, ObservedApps observed, StatusBoard board,
      ControllerSettings settings, AppPool pool) {
    this.saleApps = new SaleApps(settings.naming(), observed, pool);
    this.planner = planner;
    this.ownership = ownership;
    this.observed = observed;
    this.board = board;
    this.settings = settings;
  }

  public FleetPlan plan(DesiredState desired) {
    Set<SaleId> keys = new TreeSet<>(desired.asMap().keySet());
    List<AppObservation> owned = observed.apps().stream().filter(ownership::owns).toList();
    owned.forEach(a -> ownership.saleOf(a).ifPresent(keys::add));
    List<String> create = new ArrayList<>();
    List<String> update = new ArrayList<>();
    List<String> start = new ArrayList<>();
    List<String> delete = new ArrayList<>();
    List<String> blocked = new ArrayList<>();
    for (SaleId id : keys) {
      String app = saleApps.of(id);
      Decision d = planner.decide(desired.sale(id), observed.lookup(app));
      switch (d.action()) {
        case CREATE -> create.add(id.value());
        case UPDATE, RETRY_PROVISIONING -> update.add(id.value());
        case CONVERGE_ENGINE -> {
          boolean running =
              board.get(id).map(s -> s.phase() == Phase.RUNNING).orElse(false);
          if (!running) {
            start.add(id.value());
          }
        }
        case DELETE -> delete.add(app);
        case FOREIGN -> blocked.add(id.value());
        default -> {
          // READ, WAIT, FORGET: nothing to plan
        }
      }
    }
    List<String> held = List.of();
    if (brakes(delete.size(), owned.size(), settings.brake())) {
      held = delete;
      delete = List.of();
    }
    return new FleetPlan(create, update, start, delete, held, blocked);
  }

  private static boolean brakes(int deletions, int owned, BrakeSettings brake) {
    return deletions > brake.maxDeletions() && deletions > brake.maxShare() * owned;
  }
}
