package com.arcal.api.desired;

import com.arcal.controller.reconcile.FleetPlan;
import java.util.List;

/**
 * A plan as the API shows it: sale ids to create, update and start, app names to delete or whose
 * deletion the brake would hold, and sale ids that cannot converge.
 */
record PlanView(
    List<String> create,
    List<String> update,
    List<String> start,
    List<String> delete,
    List<String> held,
    List<String> blocked) {

  static PlanView of(FleetPlan plan) {
    return new PlanView(
        plan.create(), plan.update(), plan.start(), plan.delete(), plan.held(), plan.blocked());
  }
}
