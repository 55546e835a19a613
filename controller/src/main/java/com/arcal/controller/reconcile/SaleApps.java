package com.arcal.controller.reconcile;

import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.SaleId;

/**
 * Which app is a sale's: the one named after it when it exists, else the warm-pool app that
 * carries its id (or whose binding is unanswered), else the name its own app will have.
 */
final class SaleApps {
  private final AppNaming naming;
  private final ObservedApps observed;
  private final AppPool pool;

  SaleApps(AppNaming naming, ObservedApps observed, AppPool pool) {
    this.naming = naming;
    this.observed = observed;
    this.pool = pool;
  }

  String of(SaleId id) {
    String named = naming.appName(id);
    if (observed.lookup(named).app().isPresent()) {
      return named;
    }
    return pool.appOf(id).orElse(named);
  }
}
