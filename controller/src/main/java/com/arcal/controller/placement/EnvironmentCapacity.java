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
 * @param closed why it takes no new sales (its sales stay), empty when it does
 */
public record EnvironmentCapacity(
    EnvironmentId environment, double used, double limit, int sales, String problem, String closed) {
  public EnvironmentCapacity {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(closed, "closed");
  }

  public EnvironmentCapacity(EnvironmentId environment, double used, double limit, int sales, String problem) {
    this(environment, used, limit, sales, problem, "");
  }

  /** Whether new sales may be placed in it (room permitting). */
  public boolean open() {
    return closed.isEmpty();
  }

  public boolean known() {
    return problem.isEmpty();
  }

  public double free() {
    return known() ? Math.max(0, limit - used) : 0;
  }

  /** {@code env-a 99.5/100 cores used}, or why it is unknown; and why it is closed, if it is. */
  public String describe() {
    String usage = known()
        ? environment.name() + " " + Cores.format(used) + "/" + Cores.format(limit) + " cores used"
        : environment.name() + " usage unknown (" + problem + ")";
    return open() ? usage : usage + ", closed to new sales (" + closed + ")";
  }
}
