package com.arcal.controller.endpoint;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.AppRequest;
import java.util.Optional;

/**
 * The buyers' WebSocket URL of a provisioned app: the one thing that differs between Azure and
 * the local platform. Azure's external ingress terminates TLS on 443 at the app's FQDN; the local
 * platform has no shared front door, so buyers connect to the engine's own loopback address.
 */
@FunctionalInterface
public interface BuyerUrls {

  /** Empty while the address is not published yet. */
  Optional<String> of(AppObservation app);

  /** {@code wss://<configuration.ingress.fqdn>/}, as Azure routes external ingress. */
  static BuyerUrls ingress() {
    return app -> app.ingressFqdn().isEmpty()
        ? Optional.empty()
        : Optional.of("wss://" + app.ingressFqdn() + "/");
  }

  /** {@code ws://<the app's address>:3000/}, the app's name resolved through the hosts file. */
  static BuyerUrls local(HostsFile names) {
    return app -> names.address(app.name())
        .map(ip -> "ws://" + ip + ":" + AppRequest.WEBSOCKET_PORT + "/");
  }
}
