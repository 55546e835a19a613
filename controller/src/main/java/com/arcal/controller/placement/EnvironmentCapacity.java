package com.arcal.controller.placement;

import com.arcal.controller.azure.EnvironmentId;
import java.util.Objects;

/**
 * One environment's cores as the placement counts them: ARM's last reading, plus what the
 * controller created since, minus what it deleted.
 *
 * @param environment the environment
 * @param used cores in use (0 while unknown)
 * @param limit cores its quota allows (0 while unknown)
 * @param sales sales placed in it that this controller knows of
 * @param problem why its usage is unknown (the read failed), empty when known
 */
public record EnvironmentCapacity(
    EnvironmentId environment, double used, double limit, int sales, String problem) {
  public EnvironmentCapacity {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(problem, "problem");
  }

  public boolean known() {
    return problem.isEmpty();
  }

  public double free() {
    return known() ? Math.max(0, limit - used) : 0;
  }

  /** {@code env-a 99.5/100 cores used}, or why it is unknown. */
  public String describe() {
    return known()
        ? environment.name() + " " + Cores.format(used) + "/" + Cores.format(limit) + " cores used"
        : environment.name() + " usage unknown (" + problem + ")";
  }
}
