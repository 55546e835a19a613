package com.arcal.controller.reconcile;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The blast-radius brake for restarts, the sibling of {@link DeletionBrake}: one change that
 * would restart more than {@code maxRestarts} Running engines and more than {@code maxShare} of
 * them is held until an operator confirms (a wrong image pushed to the whole fleet, a bad bulk
 * edit). Restarts are keyed by sale and generation ({@code id@generation}), so a later change to
 * a confirmed sale is judged afresh.
 */
final class RestartBrake {
  private final int maxRestarts;
  private final double maxShare;
  private final SortedSet<String> held = new TreeSet<>();
  private final Set<String> confirmed = new TreeSet<>();

  RestartBrake(int maxRestarts, double maxShare) {
    this.maxRestarts = maxRestarts;
    this.maxShare = maxShare;
  }

  /** Judges the pending restarts among {@code running} engines; whether {@code key} may go. */
  synchronized boolean mayRestart(String key, Set<String> pending, int running) {
    confirmed.retainAll(pending);
    Set<String> unconfirmed = new TreeSet<>(pending);
    unconfirmed.removeAll(confirmed);
    held.clear();
    if (unconfirmed.size() > maxRestarts && unconfirmed.size() > maxShare * running) {
      held.addAll(unconfirmed);
    }
    return !held.contains(key);
  }

  /** Releases the restarts held now; returns their keys. */
  synchronized SortedSet<String> confirm() {
    SortedSet<String> released = new TreeSet<>(held);
    confirmed.addAll(held);
    held.clear();
    return released;
  }

  synchronized SortedSet<String> held() {
    return new TreeSet<>(held);
  }

  /** Forgets what is no longer pending (the change was undone, or went through). */
  synchronized void retainPending(Set<String> pending) {
    held.retainAll(pending);
    confirmed.retainAll(pending);
  }
}
