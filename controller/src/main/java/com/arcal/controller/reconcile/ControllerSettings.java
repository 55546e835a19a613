package com.arcal.controller.reconcile;

import com.arcal.controller.rollout.RolloutSettings;
import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.SaleDefaults;
import java.time.Duration;
import java.util.Objects;

/**
 * How the controller behaves. Built with {@link #builder}, which holds every default in one place.
 *
 * @param managedBy value of the managed-by tag: which orchestrator owns an app
 * @param naming sale id to app name
 * @param defaults what a spec leaves out
 * @param workers reconcile workers
 * @param resyncPeriod period of the full LIST + requeue of every key (jittered by 10%)
 * @param pollInterval shortest time between looks at apps with an operation in flight (longer
 *     when one look costs more reads than the poll's share of ARM's read rate)
 * @param engineRestartAfter unreachable engine for this long: restart its revision
 * @param engineRecreateAfter still unreachable this long after the restart: recreate the app
 * @param brake when deletions need confirmation
 * @param rollout how spec changes reach Running engines (waves, deadlines, restart brake)
 * @param healthWatchLimit how many Running engines at most keep a health watch (and so a live
 *     gRPC connection) open; the others are read at each resync and hold no connection between
 *     passes (see {@link HealthWatches})
 */
public record ControllerSettings(
    String managedBy,
    AppNaming naming,
    SaleDefaults defaults,
    int workers,
    Duration resyncPeriod,
    Duration pollInterval,
    Duration engineRestartAfter,
    Duration engineRecreateAfter,
    BrakeSettings brake,
    RolloutSettings rollout,
    int healthWatchLimit) {

  public ControllerSettings {
    Objects.requireNonNull(managedBy, "managedBy");
    Objects.requireNonNull(naming, "naming");
    Objects.requireNonNull(defaults, "defaults");
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1");
    }
    Objects.requireNonNull(resyncPeriod, "resyncPeriod");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(engineRestartAfter, "engineRestartAfter");
    Objects.requireNonNull(engineRecreateAfter, "engineRecreateAfter");
    Objects.requireNonNull(brake, "brake");
    Objects.requireNonNull(rollout, "rollout");
    if (healthWatchLimit < 0) {
      throw new IllegalArgumentException("healthWatchLimit must be >= 0");
    }
  }

  /** Settings for the fleet tagged {@code managedBy}, every other value at its default. */
  public static Builder builder(String managedBy, AppNaming naming, SaleDefaults defaults) {
    return new Builder(managedBy, naming, defaults);
  }

  /**
   * The blast-radius brake: deletions are held when more than {@code maxDeletions} apps AND more
   * than {@code maxShare} of the owned fleet would go at once.
   */
  public record BrakeSettings(int maxDeletions, double maxShare) {
    public static BrakeSettings defaults() {
      return new BrakeSettings(5, 0.5);
    }
  }

  /**
   * Reconcile workers by default. A worker is held for the whole of each ARM request, and Azure
   * answers a PUT only after validating it: at a PUT answered in 0.5 s, 8 workers sent 16 creates
   * per second at most, so a burst of 300 took 1.45x its throttle bound, against 1.03x with 32
   * (docs/benchmarks.md). 32 keep up with ARM's 10 writes per second up to 3 s a PUT.
   */
  public static final int DEFAULT_WORKERS = 32;

  /** The defaults of every optional setting, and the only place they are written. */
  public static final class Builder {
    private final String managedBy;
    private final AppNaming naming;
    private final SaleDefaults defaults;
    private int workers = DEFAULT_WORKERS;
    private Duration resyncPeriod = Duration.ofSeconds(30);
    private Duration pollInterval = Duration.ofMillis(250);
    private Duration engineRestartAfter = Duration.ofSeconds(30);
    private Duration engineRecreateAfter = Duration.ofSeconds(120);
    private BrakeSettings brake = BrakeSettings.defaults();
    private RolloutSettings rollout = RolloutSettings.defaults();
    private int healthWatchLimit = HealthWatches.DEFAULT_LIMIT;

    private Builder(String managedBy, AppNaming naming, SaleDefaults defaults) {
      this.managedBy = managedBy;
      this.naming = naming;
      this.defaults = defaults;
    }

    public Builder workers(int workers) {
      this.workers = workers;
      return this;
    }

    public Builder resyncPeriod(Duration resyncPeriod) {
      this.resyncPeriod = resyncPeriod;
      return this;
    }

    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
      return this;
    }

    /** How long an engine may stay unreachable before its revision is restarted, then recreated. */
    public Builder engineHealing(Duration restartAfter, Duration recreateAfter) {
      this.engineRestartAfter = restartAfter;
      this.engineRecreateAfter = recreateAfter;
      return this;
    }

    public Builder brake(BrakeSettings brake) {
      this.brake = brake;
      return this;
    }

    public Builder rollout(RolloutSettings rollout) {
      this.rollout = rollout;
      return this;
    }

    public Builder healthWatchLimit(int healthWatchLimit) {
      this.healthWatchLimit = healthWatchLimit;
      return this;
    }

    public ControllerSettings build() {
      return new ControllerSettings(
          managedBy, naming, defaults, workers, resyncPeriod, pollInterval, engineRestartAfter,
          engineRecreateAfter, brake, rollout, healthWatchLimit);
    }
  }
}
