package com.arcal.controller.reconcile;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.endpoint.EngineEndpoints;
import com.arcal.controller.engine.EngineClient;
import com.arcal.controller.secret.EngineSecrets;

/**
 * How many buyers a live engine has now ({@code GetSale}'s {@code connected_buyers}), asked just
 * before its update: a count remembered from the last resync could be half a minute old, and the
 * point is to restart no engine with buyers on it.
 */
final class EngineBuyers {
  private final EngineClient engines;
  private final EngineEndpoints endpoints;
  private final EngineSecrets secrets;

  EngineBuyers(EngineClient engines, EngineEndpoints endpoints, EngineSecrets secrets) {
    this.engines = engines;
    this.endpoints = endpoints;
    this.secrets = secrets;
  }

  /** Buyers connected to the app's engine; 0 when it cannot tell (no address, no answer). */
  int connected(AppObservation app) {
    try {
      return endpoints.resolve(app)
          .map(ends -> engines.get(ends.grpc(), secrets.forEngine(app.name(), SaleReconciler.hasToken(app)))
              .connectedBuyers())
          .orElse(0);
    } catch (RuntimeException e) {
      return 0; // unreachable or refusing: nobody can be using it through us either
    }
  }
}
