package com.arcal.emulator.arm;

import com.arcal.emulator.state.AppRecord;
import com.arcal.emulator.state.ArmState;
import com.arcal.emulator.state.DesiredSpec;
import java.util.Optional;

/**
 * An environment's core quota, checked when a write is accepted: a create or update that would
 * take the environment's cores past its limit is refused, and nothing is recorded. A write that
 * does not add cores is never refused, even over the limit (a limit lowered under the usage must
 * not freeze the apps already there).
 */
public final class CoreQuota {
  /** Cores are sums of quarter-cores; a drift below this is rounding, not usage. */
  private static final double EPSILON = 1e-6;

  private final Environments environments;

  public CoreQuota(Environments environments) {
    this.environments = environments;
  }

  /** Inside the write's transaction, so that two writes cannot both take the last cores. */
  public void require(ArmState.Tx tx, Optional<AppRecord> existing, DesiredSpec desired) {
    double held =
        existing
            .filter(a -> a.spec().environmentId().equalsIgnoreCase(desired.environmentId()))
            .map(a -> a.spec().cores())
            .orElse(0.0);
    double added = desired.cores() - held;
    if (added <= EPSILON) {
      return;
    }
    int limit = environments.resolve(desired.environmentId()).coreLimit();
    if (tx.coresIn(desired.environmentId()) + added > limit + EPSILON) {
      throw ArmErrors.maxCoresExceeded();
    }
  }
}
