package com.arcal.api.capacity;

import com.arcal.api.http.Backend;
import com.arcal.api.http.RouteGroup;
import com.arcal.controller.placement.EnvironmentCapacity;
import com.arcal.controller.status.Condition;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * The managed environments sales are placed on, with their cores as the placement counts them,
 * and how many sales wait for cores ({@code Scheduled=False}).
 */
public final class EnvironmentRoutes implements RouteGroup {
  private final Backend backend;

  public EnvironmentRoutes(Backend backend) {
    this.backend = backend;
  }

  /**
   * One environment. {@code limitCores} and {@code freeCores} are null while its usage is unknown
   * ({@code problem} says why), and when nothing counts cores; {@code closed} says why it takes no
   * new sales, null when it does.
   */
  record Environment(
      String id,
      String name,
      String resourceGroup,
      String subscriptionId,
      Double usedCores,
      Double limitCores,
      Double freeCores,
      int sales,
      String problem,
      String closed) {
    static Environment of(EnvironmentCapacity c) {
      boolean counted = c.known() && Double.isFinite(c.limit());
      return new Environment(
          c.environment().toString(),
          c.environment().name(),
          c.environment().resourceGroup(),
          c.environment().subscriptionId(),
          c.known() ? c.used() : null,
          counted ? c.limit() : null,
          counted ? c.free() : null,
          c.sales(),
          c.problem().isEmpty() ? null : c.problem(),
          c.open() ? null : c.closed());
    }
  }

  record Environments(List<Environment> environments, long waitingForCores) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/environments", this::list);
  }

  private void list(Context ctx) {
    long waiting =
        backend.board().all().stream()
            .filter(s -> s.condition(Condition.SCHEDULED).map(c -> !c.isTrue()).orElse(false))
            .count();
    ctx.json(
        new Environments(
            backend.controller().placement().capacity().stream().map(Environment::of).toList(),
            waiting));
  }
}
