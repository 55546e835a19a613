package com.arcal.api.platform;

import com.arcal.controller.azure.ContainerAppsPort;
import com.arcal.controller.azure.EnvironmentId;
import com.arcal.controller.azure.EnvironmentUsages;
import com.arcal.controller.endpoint.EngineEndpoints;
import com.arcal.controller.engine.EngineClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The seams the controller drives, as one platform opened them.
 *
 * @param apps Container Apps (Azure, the embedded emulator, or a fake)
 * @param engines the engine client; closed by the owner of the platform after the controller
 * @param endpoints how engines are reached
 * @param infrastructure what the platform started and must stop last (the embedded emulator, which
 *     stops its engines); nothing for Azure, whose apps outlive the orchestrator
 * @param description one line for the start-up log
 * @param environments the managed environments new sales are placed on by their free cores, with
 *     their usages; empty: every sale goes where {@code apps} puts it, nothing counts cores
 */
public record Platform(
    ContainerAppsPort apps,
    EngineClient engines,
    EngineEndpoints endpoints,
    AutoCloseable infrastructure,
    String description,
    Optional<Environments> environments) {

  public Platform {
    Objects.requireNonNull(apps, "apps");
    Objects.requireNonNull(engines, "engines");
    Objects.requireNonNull(endpoints, "endpoints");
    Objects.requireNonNull(infrastructure, "infrastructure");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(environments, "environments");
  }

  /** A platform whose apps are not placed by cores (fakes, the embedded emulator). */
  public Platform(
      ContainerAppsPort apps,
      EngineClient engines,
      EngineEndpoints endpoints,
      AutoCloseable infrastructure,
      String description) {
    this(apps, engines, endpoints, infrastructure, description, Optional.empty());
  }

  /**
   * Environments to place sales on, and where their core usage is read.
   *
   * @param closed those that take no new sales, each with the reason
   */
  public record Environments(
      List<EnvironmentId> ids, Map<EnvironmentId, String> closed, EnvironmentUsages usages) {
    public Environments {
      ids = List.copyOf(ids);
      closed = Map.copyOf(closed);
      Objects.requireNonNull(usages, "usages");
    }

    /** Every one of them open to new sales. */
    public Environments(List<EnvironmentId> ids, EnvironmentUsages usages) {
      this(ids, Map.of(), usages);
    }
  }
}
