package com.arcal.controller.reconcile;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.ProvisioningState;
import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.SaleStatus;
import com.arcal.controller.status.StatusBoard;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link RolloutGate} reads of the fleet, and only reads: which sales' apps this controller
 * owns, which serve a live engine, and which a change would restart. It keeps no books; the gate
 * does.
 */
final class RolloutFleet {
  private final ObservedApps observed;
  private final Ownership ownership;
  private final AppSpecs specs;
  private final StatusBoard board;
  private final AppNaming naming;

  RolloutFleet(
      ObservedApps observed, Ownership ownership, AppSpecs specs, StatusBoard board, AppNaming naming) {
    this.observed = observed;
    this.ownership = ownership;
    this.specs = specs;
    this.board = board;
    this.naming = naming;
  }

  /**
   * Restarts this change asks for: live engines whose app is at an older generation and another
   * spec (a generation raised without an effective change restarts nothing).
   */
  Set<String> pendingRestarts(DesiredState desired) {
    Set<String> pending = new HashSet<>();
    for (DesiredSale s : desired.asMap().values()) {
      app(s.id()).filter(a -> live(s.id(), a) && generationOf(a) < s.generation())
          .filter(a -> !specs.hash(s, Optional.of(a)).equals(a.tags().get(Ownership.SPEC_HASH)))
          .ifPresent(a -> pending.add(key(s.id(), s.generation())));
    }
    return pending;
  }

  int running(DesiredState desired) {
    return (int) desired.asMap().keySet().stream()
        .filter(id -> app(id).filter(a -> live(id, a)).isPresent())
        .count();
  }

  /** Whether ARM has shown no app yet: the first survey waits until it has. */
  boolean unobserved() {
    return observed.isEmpty();
  }

  Optional<AppObservation> app(SaleId id) {
    return observed.lookup(naming.appName(id)).app().filter(ownership::owns);
  }

  /**
   * Whether updating the app would restart an engine that serves: provisioned, and Running (or
   * not looked at yet since a restart: presumed Running, so a rollout in progress stays one).
   */
  boolean live(SaleId id, AppObservation app) {
    Phase phase = board.get(id).map(SaleStatus::phase).orElse(Phase.PENDING);
    return app.state() == ProvisioningState.SUCCEEDED && (phase == Phase.RUNNING || phase == Phase.PENDING);
  }

  boolean runningAt(SaleId id, long generation) {
    return board.get(id)
        .map(s -> s.phase() == Phase.RUNNING && s.observedGeneration() >= generation)
        .orElse(false);
  }

  static long generationOf(AppObservation app) {
    try {
      return app.tag(Ownership.GENERATION).map(Long::parseLong).orElse(0L);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The brake's key of a restart: the sale at the generation that asks for it. */
  static String key(SaleId id, long generation) {
    return id.value() + "@" + generation;
  }

  /** The sale of a brake key. */
  static String saleOf(String key) {
    return key.substring(0, key.lastIndexOf('@'));
  }
}
