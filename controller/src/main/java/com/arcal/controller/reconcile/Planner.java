package com.arcal.controller.reconcile;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.ProvisioningState;
import com.arcal.controller.reconcile.ObservedApps.Knowledge;
import com.arcal.controller.reconcile.ObservedApps.Lookup;
import com.arcal.controller.sale.DesiredSale;
import java.util.Optional;

/**
 * The pure half of reconciling one sale: from what is desired and what Azure shows, the one next
 * action on the app. It performs nothing, so it is also what answers "what would you do?" (the
 * plan) without doing it.
 */
public final class Planner {
  private final Ownership ownership;
  private final AppSpecs specs;

  public Planner(Ownership ownership, AppSpecs specs) {
    this.ownership = ownership;
    this.specs = specs;
  }

  /** The next action on the app. */
  public enum Action {
    /** Not desired and not there (or not ours): nothing to do, forget the sale. */
    FORGET,
    /** We do not know whether the app exists (first pass, or a write of unknown outcome). */
    READ,
    /** Desired, absent: PUT it. */
    CREATE,
    /** Desired, present with another spec: PUT the new one. */
    UPDATE,
    /** Provisioning ended Failed/Canceled with the desired spec: PUT again after a backoff. */
    RETRY_PROVISIONING,
    /** Azure is working on the app: look again later. */
    WAIT,
    /** The app matches and is provisioned: converge the engine. */
    CONVERGE_ENGINE,
    /** Not desired, ours: delete it. */
    DELETE,
    /** An app with that name exists and is not ours: never touch it. */
    FOREIGN
  }

  /** The decision with its reason in plain words. */
  public record Decision(Action action, String reason) {}

  public Decision decide(Optional<DesiredSale> desired, Lookup observed) {
    if (observed.knowledge() == Knowledge.UNKNOWN) {
      return new Decision(Action.READ, "state of the app unknown; reading it");
    }
    Optional<AppObservation> app = observed.app();
    if (desired.isEmpty()) {
      if (app.isEmpty() || !ownership.owns(app.get())) {
        return new Decision(Action.FORGET, "not desired and no app of ours");
      }
      if (app.get().state() == ProvisioningState.DELETING) {
        return new Decision(Action.WAIT, "deletion in progress");
      }
      return new Decision(Action.DELETE, "no longer desired");
    }
    if (app.isEmpty()) {
      return new Decision(Action.CREATE, "desired and absent");
    }
    AppObservation a = app.get();
    if (!ownership.owns(a)) {
      return new Decision(
          Action.FOREIGN,
          "an app named " + a.name() + " exists and is not managed by this orchestrator");
    }
    String hash = specs.hash(desired.get(), app);
    if (a.state().busy()) {
      if (isBinding(a, hash)) {
        return new Decision(Action.CONVERGE_ENGINE, "pool app bound: its tags are being written, its engine runs");
      }
      return new Decision(Action.WAIT, "Azure operation in progress (" + a.state() + ")");
    }
    if (!hash.equals(a.tags().get(Ownership.SPEC_HASH))) {
      return new Decision(Action.UPDATE, "spec changed (generation " + desired.get().generation() + ")");
    }
    if (a.state() == ProvisioningState.FAILED || a.state() == ProvisioningState.CANCELED) {
      return new Decision(Action.RETRY_PROVISIONING, "provisioning ended " + a.state());
    }
    return new Decision(Action.CONVERGE_ENGINE, "app provisioned with the desired spec");
  }

  /**
   * A warm-pool app whose only operation in flight is the tags write that bound it to this sale:
   * its revision ran before and keeps running (tags are not part of the revision), so its engine
   * is started without waiting for Azure. A real update of a bound app is PUT without the pool
   * tag, so it is waited for like any other.
   */
  private static boolean isBinding(AppObservation a, String hash) {
    return a.state() == ProvisioningState.IN_PROGRESS
        && a.tag(Ownership.POOL).isPresent()
        && hash.equals(a.tags().get(Ownership.SPEC_HASH))
        && !a.latestRevisionName().isEmpty();
  }
}
