package com.arcal.controller.reconcile;

import com.arcal.controller.reconcile.ControllerSettings.BrakeSettings;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The blast-radius brake. When one change would delete more than {@code maxDeletions} apps and
 * more than {@code maxShare} of the owned fleet, every deletion is held until an operator
 * confirms: a truncated desired-state file or a bug must not wipe the fleet.
 *
 * <p>Confirming releases exactly the deletions held at that moment; deletions that appear later
 * are judged afresh.
 */
public final class DeletionBrake {
  private final BrakeSettings settings;
  private final SortedSet<String> held = new TreeSet<>();
  private final Set<String> confirmed = new TreeSet<>();

  public DeletionBrake(BrakeSettings settings) {
    this.settings = settings;
  }

  /**
   * Judges the pending deletions against the owned fleet and answers whether {@code app} may be
   * deleted now.
   */
  public synchronized boolean mayDelete(String app, Set<String> pendingDeletions, int ownedApps) {
    confirmed.retainAll(pendingDeletions);
    Set<String> unconfirmed = new TreeSet<>(pendingDeletions);
    unconfirmed.removeAll(confirmed);
    boolean engaged =
        unconfirmed.size() > settings.maxDeletions()
            && unconfirmed.size() > settings.maxShare() * ownedApps;
    held.clear();
    if (engaged) {
      held.addAll(unconfirmed);
    }
    return !held.contains(app);
  }

  /**
   * Forgets held and confirmed deletions that are no longer pending (the desired state asks for
   * those sales again): otherwise they would be listed as held, and a confirmation would release
   * them for a later, unrelated deletion wave without the brake.
   */
  public synchronized void retainPending(Set<String> pendingDeletions) {
    held.retainAll(pendingDeletions);
    confirmed.retainAll(pendingDeletions);
  }

  /** Releases the deletions held now; returns them. */
  public synchronized SortedSet<String> confirm() {
    SortedSet<String> released = new TreeSet<>(held);
    confirmed.addAll(held);
    held.clear();
    return released;
  }

  /** The deletions waiting for confirmation. */
  public synchronized SortedSet<String> held() {
    return new TreeSet<>(held);
  }
}
