package com.arcal.controller.pool;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.ArmException;
import com.arcal.controller.endpoint.EngineEndpoints;
import com.arcal.controller.engine.EngineClient;
import com.arcal.controller.engine.EngineException;
import com.arcal.controller.engine.EngineView;
import com.arcal.controller.secret.EngineSecrets;
import java.util.Optional;

/** {@link EngineCheck} by one {@code GetSale} with the app's token (a gRPC call, no ARM write). */
public final class IdleEngineCheck implements EngineCheck {
  private final EngineClient engines;
  private final EngineEndpoints endpoints;
  private final EngineSecrets secrets;

  public IdleEngineCheck(EngineClient engines, EngineEndpoints endpoints, EngineSecrets secrets) {
    this.engines = engines;
    this.endpoints = endpoints;
    this.secrets = secrets;
  }

  @Override
  public boolean idle(AppObservation app) {
    Optional<EngineEndpoints.Endpoints> ends = endpoints.resolve(app);
    if (ends.isEmpty()) {
      return false;
    }
    try {
      boolean hasToken = app.secretEnv().contains(EngineSecrets.ENV);
      EngineView view = engines.get(ends.get().grpc(), secrets.forEngine(app.name(), hasToken));
      return view.state() == EngineView.State.IDLE;
    } catch (EngineException | ArmException e) {
      return false;
    }
  }
}
