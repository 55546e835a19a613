package com.arcal.controller.reconcile;

import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.SaleDefaults;
import java.time.Duration;
import java.util.Objects;

/**
 * How the controller behaves.
 *
 * @param fleet value of the managed-by tag: which orchestrator fleet owns an app
 * @param naming sale id to app name
 * @param defaults what a spec leaves out
 * @param workers reconcile workers
 * @param resyncPeriod period of the full LIST + requeue of every key (jittered by 10%)
 * @param pollInterval shortest time between looks at apps with an operation in flight (longer
 *     when one look costs more reads than the poll's share of ARM's read rate)
 * @param engineRestartAfter unreachable engine for this long: restart its revision
 * @param engineRecreateAfter still unreachable this long after the restart: recreate the app
 * @param brake when deletions need confirmation
 */
public record ControllerSettings(
    String fleet,
    AppNaming naming,
    SaleDefaults defaults,
    int workers,
    Duration resyncPeriod,
    Duration pollInterval,
    Duration engineRestartAfter,
    Duration engineRecreateAfter,
    BrakeSettings brake) {

  public ControllerSettings {
    Objects.requireNonNull(fleet, "fleet");
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
}
