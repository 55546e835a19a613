package com.arcal.api.platform;

import com.arcal.controller.azure.ContainerAppsPort;
import com.arcal.controller.endpoint.EngineEndpoints;
import com.arcal.controller.engine.EngineClient;
import java.util.Objects;

/**
 * The seams the controller drives, as one platform opened them.
 *
 * @param apps Container Apps (Azure, the embedded emulator, or a fake)
 * @param engines the engine client; closed by the owner of the platform after the controller
 * @param endpoints how engines are reached
 * @param infrastructure what the platform started and must stop last (the embedded emulator, which
 *     stops its engines); nothing for Azure, whose apps outlive the orchestrator
 * @param description one line for the start-up log
 */
public record Platform(
    ContainerAppsPort apps,
    EngineClient engines,
    EngineEndpoints endpoints,
    AutoCloseable infrastructure,
    String description) {

  public Platform {
    Objects.requireNonNull(apps, "apps");
    Objects.requireNonNull(engines, "engines");
    Objects.requireNonNull(endpoints, "endpoints");
    Objects.requireNonNull(infrastructure, "infrastructure");
    Objects.requireNonNull(description, "description");
  }
}
