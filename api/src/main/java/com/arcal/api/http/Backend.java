package com.arcal.api.http;

import com.arcal.controller.leader.LeaderElector;
import com.arcal.controller.reconcile.Controller;
import com.arcal.controller.reconcile.FleetPlanner;
import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.status.StatusBoard;
import com.arcal.controller.store.DesiredStateStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Objects;
import java.util.Optional;

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
    PrometheusMeterRegistry metrics,
    Optional<LeaderElector> elector) {

  /** One replica: no election. */
  public Backend(
      DesiredStateStore store,
      Controller controller,
      StatusBoard board,
      FleetPlanner planner,
      AppNaming naming,
      PrometheusMeterRegistry metrics) {
    this(store, controller, board, planner, naming, metrics, Optional.empty());
  }

  public Backend {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(controller, "controller");
    Objects.requireNonNull(board, "board");
    Objects.requireNonNull(planner, "planner");
    Objects.requireNonNull(naming, "naming");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(elector, "elector");
  }

  /** "leader" or "follower" with several replicas; "leader" alone. */
  public String role() {
    return elector.map(e -> e.isLeader() ? "leader" : "follower").orElse("leader");
  }
}
