package com.arcal.api.http;

import com.arcal.controller.ControllerWiring;
import com.arcal.controller.leader.LeaderElector;
import com.arcal.controller.reconcile.FleetPlanner;
import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.status.StatusBoard;
import com.arcal.controller.store.DesiredStateStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Objects;
import java.util.Optional;

/**
 * What the routes read and write: the desired-state store, and the controller's parts (status,
 * plan, held deletions, the resync's view of the platform). The API owns none of it.
 */
public record Backend(
    DesiredStateStore store,
    ControllerWiring.Parts controller,
    AppNaming naming,
    PrometheusMeterRegistry metrics,
    Optional<LeaderElector> elector) {

  public Backend {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(controller, "controller");
    Objects.requireNonNull(naming, "naming");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(elector, "elector");
  }

  public StatusBoard board() {
    return controller.board();
  }

  public FleetPlanner planner() {
    return controller.planner();
  }

  /** "leader" or "follower" with several replicas; "leader" alone. */
  public String role() {
    return elector.map(e -> e.isLeader() ? "leader" : "follower").orElse("leader");
  }
}
