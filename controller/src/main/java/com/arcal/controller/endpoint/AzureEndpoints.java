package com.arcal.controller.endpoint;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.AppRequest;
import com.arcal.controller.engine.EngineAddress;
import java.util.Optional;

/**
 * Addresses in Azure: buyers use {@code wss://<ingress fqdn>} (the environment terminates TLS
 * on 443 and forwards to port 3000); the controller, inside the same VNet-integrated
 * environment, reaches the internal-only port mapping at {@code <app>.internal.<domain>:50051}.
 */
public final class AzureEndpoints implements EngineEndpoints {

  @Override
  public Optional<Endpoints> resolve(AppObservation app) {
    String fqdn = app.ingressFqdn();
    if (fqdn.isEmpty() || !fqdn.startsWith(app.name() + ".")) {
      return Optional.empty();
    }
    String domain = fqdn.substring(app.name().length() + 1);
    String internal = app.name() + ".internal." + domain;
    return Optional.of(
        new Endpoints(new EngineAddress(internal, AppRequest.GRPC_PORT), "wss://" + fqdn));
  }
}
