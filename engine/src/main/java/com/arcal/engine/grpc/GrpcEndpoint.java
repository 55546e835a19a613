package com.arcal.engine.grpc;

import com.arcal.engine.v1.SaleEngineGrpc;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC face of one engine: {@code SaleEngine} plus the standard {@code grpc.health.v1.Health},
 * on whatever transport the given builder makes (Netty for real, in-process for tests).
 *
 * <p>Health: both the overall service ({@code ""}) and {@code arcal.engine.v1.SaleEngine} are
 * SERVING from start until close. It says the engine process is up, not that a sale runs; the
 * sale's state is what {@code GetSale} is for.
 */
public final class GrpcEndpoint {

  /** Bound on the wait for transports to close after {@code shutdownNow}; normally milliseconds. */
  private static final Duration TERMINATION_WAIT = Duration.ofSeconds(5);

  private final Server server;
  private final HealthStatusManager health;
  private final HealthWatchCloser watches;

  private GrpcEndpoint(Server server, HealthStatusManager health, HealthWatchCloser watches) {
    this.server = server;
    this.health = health;
    this.watches = watches;
  }

  /**
   * Adds the services to {@code builder}, builds and starts the server. {@code SaleEngine} sits
   * behind {@code tokens}; health does not. The caller keeps owning any executor it gave the
   * builder.
   */
  public static GrpcEndpoint start(ServerBuilder<?> builder, SaleEngineService saleEngine, TokenCheck tokens)
      throws IOException {
    Objects.requireNonNull(saleEngine, "saleEngine");
    Objects.requireNonNull(tokens, "tokens");
    HealthStatusManager health = new HealthStatusManager();
    HealthWatchCloser watches = new HealthWatchCloser();
    Server server = builder
        .addService(ServerInterceptors.intercept(saleEngine, tokens))
        .addService(ServerInterceptors.intercept(health.getHealthService(), watches))
        .build()
        .start();
    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
    health.setStatus(SaleEngineGrpc.SERVICE_NAME, ServingStatus.SERVING);
    return new GrpcEndpoint(server, health, watches);
  }

  /** The bound port, or -1 for transports without one (in-process). */
  public int port() {
    return server.getPort();
  }

  /**
   * Graceful: watchers receive NOT_SERVING and then the end of their stream (UNAVAILABLE); calls in
   * flight get up to {@code grace} to finish before they are cut. Returns once the server has
   * terminated (or {@link #TERMINATION_WAIT} has passed after cutting), so the caller may then
   * shut down the executor it gave the builder.
   */
  public void close(Duration grace) {
    health.enterTerminalState();
    server.shutdown();
    watches.closeAll(Status.UNAVAILABLE.withDescription("engine shutting down"));
    if (!awaitTermination(grace)) {
      kill();
    }
  }

  /**
   * Abrupt: every call and connection is cut at once, no NOT_SERVING is sent. Still waits for the
   * transports to finish cutting: they hand the cancellations to the application executor, and
   * an executor shut down under them would leave connections open.
   */
  public void kill() {
    server.shutdownNow();
    awaitTermination(TERMINATION_WAIT);
  }

  private boolean awaitTermination(Duration timeout) {
    try {
      return server.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return server.isTerminated();
    }
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  public boolean isTerminated() {
    return server.isTerminated();
  }
}
