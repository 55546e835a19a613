package com.arcal.api.desired;

import com.arcal.controller.reconcile.FleetPlan;
import com.arcal.controller.rollout.RolloutStatus;
import java.util.List;

/**
 * A plan as the API shows it: sale ids to create, update and start, app names to delete or whose
 * deletion the brake would hold, and sale ids that cannot converge; and where the rollout of spec
 * changes to Running engines stands (waves, pause, restarts held for confirmation).
 */
record PlanView(
    List<String> create,
    List<String> update,
    List<String> start,
    List<String> delete,
    List<String> held,
    List<String> blocked,
    RolloutStatus rollout) {

  static PlanView of(FleetPlan plan, RolloutStatus rollout) {
    return new PlanView(
        plan.create(), plan.update(), plan.start(), plan.delete(), plan.held(), plan.blocked(),
        rollout);
  }
}
