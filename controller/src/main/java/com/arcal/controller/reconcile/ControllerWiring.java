package com.arcal.controller.reconcile;

import com.arcal.controller.azure.ContainerAppsPort;
import com.arcal.controller.endpoint.EngineEndpoints;
import com.arcal.controller.engine.EngineClient;
import com.arcal.controller.leader.LeaderElector;
import com.arcal.controller.metrics.ControllerMetrics;
import com.arcal.controller.queue.Backoff;
import com.arcal.controller.queue.RateLimitingWorkQueue;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.status.StatusBoard;
import com.arcal.controller.store.DesiredStateStore;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * Assembles a {@link Controller} from its seams. The caller keeps ownership of the seams
 * (store, port, engine client) and closes them after the controller.
 */
public final class ControllerWiring {
  private ControllerWiring() {}

  /** The assembled parts the API reads from. */
  public record Parts(Controller controller, StatusBoard board, FleetPlanner planner) {}

  /** A controller that always reconciles (the only replica, so always the leader). */
  public static Parts wire(
      DesiredStateStore store,
      ContainerAppsPort apps,
      EngineClient engines,
      EngineEndpoints endpoints,
      ControllerSettings settings,
      Backoff backoff,
      ControllerMetrics metrics,
      Clock clock,
      RandomGenerator random) {
    metrics.bindLeader(() -> true);
    return assemble(
        store, apps, engines, endpoints, settings, backoff, metrics, clock, random, () -> true);
  }

  /**
   * A controller that reconciles only while {@code elector} says this replica leads, and
   * resyncs in full each time it gains leadership; {@code leader_election_master_status} shows
   * the role. The caller starts and closes the elector (close it after the controller).
   */
  public static Parts wire(
      DesiredStateStore store,
      ContainerAppsPort apps,
      EngineClient engines,
      EngineEndpoints endpoints,
      ControllerSettings settings,
      Backoff backoff,
      ControllerMetrics metrics,
      Clock clock,
      RandomGenerator random,
      LeaderElector elector) {
    Parts parts =
        assemble(
            store, apps, engines, endpoints, settings, backoff, metrics, clock, random,
            elector::isLeader);
    elector.addListener(parts.controller()::leadershipChanged);
    metrics.bindLeader(elector::isLeader);
    return parts;
  }

  private static Parts assemble(
      DesiredStateStore store,
      ContainerAppsPort apps,
      EngineClient engines,
      EngineEndpoints endpoints,
      ControllerSettings settings,
      Backoff backoff,
      ControllerMetrics metrics,
      Clock clock,
      RandomGenerator random,
      BooleanSupplier leading) {
    StatusBoard board = new StatusBoard(clock);
    Fleet fleet = new Fleet();
    RateLimitingWorkQueue<SaleId> queue = new RateLimitingWorkQueue<>(backoff, random, metrics);
    DeletionBrake brake = new DeletionBrake(settings.brake());
    HealthWatches watches = new HealthWatches(engines, queue::add);
    SaleReconciler reconciler =
        new SaleReconciler(
            store, fleet, apps, engines, endpoints, board, watches, brake, settings, clock);
    Controller controller =
        new Controller(
            store, apps, fleet, reconciler, board, queue, brake, watches, settings, clock, random,
            metrics, leading);
    metrics.bind(queue::depth, board);
    FleetPlanner planner =
        new FleetPlanner(reconciler.planner(), reconciler.ownership(), fleet, board, settings);
    return new Parts(controller, board, planner);
  }
}
