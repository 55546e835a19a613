package com.arcal.controller.reconcile;

import java.util.List;

/**
 * What the controller would do to make Azure match a desired state, without doing it.
 *
 * @param create sales whose app would be created
 * @param update sales whose app would be updated (spec changed, or provisioning retried)
 * @param start sales whose engine would be (re)started
 * @param delete apps that would be deleted
 * @param held apps whose deletion the blast-radius brake would hold
 * @param blocked sales that cannot converge (an app of that name is not ours)
 */
public record FleetPlan(
    List<String> create,
    List<String> update,
    List<String> start,
    List<String> delete,
    List<String> held,
    List<String> blocked) {

  public FleetPlan {
    create = List.copyOf(create);
    update = List.copyOf(update);
    start = List.copyOf(start);
    delete = List.copyOf(delete);
    held = List.copyOf(held);
    blocked = List.copyOf(blocked);
  }

  public boolean isEmpty() {
    return create.isEmpty() && update.isEmpty() && start.isEmpty() && delete.isEmpty()
        && held.isEmpty() && blocked.isEmpty();
  }
}
