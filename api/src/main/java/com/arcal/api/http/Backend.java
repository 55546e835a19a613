package com.arcal.api.http;

import com.arcal.controller.reconcile.Controller;
import com.arcal.controller.reconcile.FleetPlanner;
import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.status.StatusBoard;
import com.arcal.controller.store.DesiredStateStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Objects;

/**
 * What the routes read and write: the desired-state store, and the controller's status, plan and
 * brake. The API owns none of it.
 */
public record Backend(
    DesiredStateStore store,
    Controller controller,
    StatusBoard board,
    FleetPlanner planner,
    AppNaming naming,
    PrometheusMeterRegistry metrics) {

  public Backend {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(controller, "controller");
    Objects.requireNonNull(board, "board");
    Objects.requireNonNull(planner, "planner");
    Objects.requireNonNull(naming, "naming");
    Objects.requireNonNull(metrics, "metrics");
  }
}
