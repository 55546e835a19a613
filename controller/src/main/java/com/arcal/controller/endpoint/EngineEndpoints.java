package com.arcal.controller.endpoint;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.engine.EngineAddress;
import java.util.Optional;

/**
 * Where a provisioned app's engine is reached: its internal gRPC address (for the controller)
 * and its public WebSocket URL (for buyers). Differs between Azure and the local emulator.
 */
public interface EngineEndpoints {

  /** Empty while Azure has not published the addresses yet. */
  Optional<Endpoints> resolve(AppObservation app);

  /** The two addresses of one engine. */
  record Endpoints(EngineAddress grpc, String wsUrl) {}
}
