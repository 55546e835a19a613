package com.arcal.controller.endpoint;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.AppRequest;
import com.arcal.controller.engine.EngineAddress;
import java.util.Optional;

/**
 * Where a provisioned app's engine is reached: its gRPC address (for the controller) and its
 * public WebSocket URL (for buyers).
 *
 * <p>The gRPC address is the same on every platform and comes from the app as ARM returns it:
 * {@code <app name>:<exposedPort>} of the additional port mapping whose target is the engine's
 * gRPC port. Azure routes an app's TCP ports to other apps of its environment by the app's name
 * and exposed port; the environment's domain cannot route it, since many apps may share one
 * internal exposed port ("Ingress in Azure Container Apps", Additional TCP ports). The
 * orchestrator therefore runs inside the engines' environment.
 */
public final class EngineEndpoints {
  private final BuyerUrls buyerUrls;

  public EngineEndpoints(BuyerUrls buyerUrls) {
    this.buyerUrls = buyerUrls;
  }

  /** The two addresses of one engine. */
  public record Endpoints(EngineAddress grpc, String wsUrl) {}

  /** Empty while Azure has not published the addresses (or the app declares no gRPC port). */
  public Optional<Endpoints> resolve(AppObservation app) {
    Optional<EngineAddress> grpc = grpcAddress(app, AppRequest.GRPC_PORT);
    if (grpc.isEmpty()) {
      return Optional.empty();
    }
    return buyerUrls.of(app).map(url -> new Endpoints(grpc.get(), url));
  }

  /** {@code <app name>:<exposed port of targetPort>}, empty when the app maps no such port. */
  public static Optional<EngineAddress> grpcAddress(AppObservation app, int targetPort) {
    return app.exposedPortFor(targetPort).map(port -> new EngineAddress(app.name(), port));
  }
}
