package com.arcal.controller.reconcile;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.ProvisioningState;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.store.DesiredStateStore;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The deletions the controller would make (owned apps no desired sale wants, and the free pool
 * apps the warm pool's keeper would delete), judged by the {@link DeletionBrake}: asked by each
 * deleting pass and by the keeper, listed and confirmed by operators.
 */
public final class HeldDeletions {
  private final DeletionBrake brake;
  private final DesiredStateStore store;
  private final ObservedApps observed;
  private final Ownership ownership;
  private final Consumer<SaleId> enqueue;
  /** The free pool apps the keeper would delete now (surplus after a smaller size, stale spec). */
  private volatile Set<String> poolPlan = Set.of();

  public HeldDeletions(
      DeletionBrake brake,
      DesiredStateStore store,
      ObservedApps observed,
      Ownership ownership,
      Consumer<SaleId> enqueue) {
    this.brake = brake;
    this.store = store;
    this.observed = observed;
    this.ownership = ownership;
    this.enqueue = enqueue;
  }

  /**
   * The keeper's deletions as it sees them now: pool apps count in the brake as sales' apps do
   * (lowering the pool from 50 to 0 is 50 deletions).
   */
  public void planPoolDeletions(Set<String> apps) {
    poolPlan = Set.copyOf(apps);
  }

  /** Whether the app may be deleted now, given every deletion pending with it. */
  public boolean mayDelete(String appName) {
    return brake.mayDelete(appName, pending(), owned());
  }

  /** The deletions waiting for an operator's confirmation. */
  public SortedSet<String> held() {
    brake.retainPending(pending());
    return brake.held();
  }

  /** Releases the held deletions and enqueues their sales; returns the apps released. */
  public SortedSet<String> confirm() {
    brake.retainPending(pending());
    SortedSet<String> released = brake.confirm();
    observed.apps().stream()
        .filter(a -> released.contains(a.name()))
        .forEach(a -> ownership.saleOf(a).ifPresent(enqueue));
    return released;
  }

  /** Owned apps that no desired sale wants, and the pool apps the keeper would delete. */
  private Set<String> pending() {
    var desired = store.snapshot().asMap().keySet();
    Set<String> pool = poolPlan;
    return observed.apps().stream()
        .filter(ownership::owns)
        .filter(a -> a.state() != ProvisioningState.DELETING)
        .filter(a -> pool.contains(a.name())
            || ownership.saleOf(a).map(s -> !desired.contains(s)).orElse(false))
        .map(AppObservation::name)
        .collect(Collectors.toSet());
  }

  private int owned() {
    return (int) observed.apps().stream().filter(ownership::owns).count();
  }
}
