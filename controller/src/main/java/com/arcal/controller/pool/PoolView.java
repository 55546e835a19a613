package com.arcal.controller.pool;

import java.util.List;

/**
 * The pool as the API, the metrics and the status page show it.
 *
 * @param size how many free engines the controller keeps ready
 * @param ready free apps provisioned with the pool's spec, their engine not known to be unhealthy
 * @param provisioning free apps being created
 * @param bound pool apps bound to a sale (they belong to their sale now)
 * @param replacing free apps found unhealthy or of an old spec, about to be deleted
 * @param apps every pool app
 */
public record PoolView(int size, int ready, int provisioning, int bound, int replacing, List<App> apps) {
  public PoolView {
    apps = List.copyOf(apps);
  }

  /** One pool app: its name, provisioning state and the sale it is bound to (null when free). */
  public record App(String name, String state, String saleId) {}
}
