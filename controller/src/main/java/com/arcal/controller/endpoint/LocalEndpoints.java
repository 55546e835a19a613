package com.arcal.controller.endpoint;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.AppRequest;
import com.arcal.controller.engine.EngineAddress;
import java.util.Optional;

/**
 * Addresses in the local emulator: each app runs on its own loopback address, which the emulator
 * reports as the app's only outbound IP; the container ports are used as they are.
 */
public final class LocalEndpoints implements EngineEndpoints {

  @Override
  public Optional<Endpoints> resolve(AppObservation app) {
    if (app.outboundIpAddresses().isEmpty()) {
      return Optional.empty();
    }
    String ip = app.outboundIpAddresses().get(0);
    return Optional.of(
        new Endpoints(
            new EngineAddress(ip, AppRequest.GRPC_PORT),
            "ws://" + ip + ":" + AppRequest.WEBSOCKET_PORT + "/"));
  }
}
