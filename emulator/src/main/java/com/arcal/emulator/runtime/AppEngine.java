package com.arcal.emulator.runtime;

import com.arcal.engine.EngineSettings;
import com.arcal.engine.buyers.BuyerHub;
import com.arcal.engine.grpc.HealthWatchCloser;
import com.arcal.engine.grpc.SaleEngineService;
import com.arcal.engine.grpc.TokenCheck;
import com.arcal.engine.sale.EngineState;
import com.arcal.engine.v1.SaleEngineGrpc;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.javalin.websocket.WsCloseStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One app's reference engine without servers of its own: its sale, its buyers, its token and its
 * gRPC health, as services that {@link SharedEngines} serves for every app from one gRPC server
 * and one WebSocket listener. What the engine process would answer, this answers, per app.
 */
final class AppEngine {
  /** How long a sale transition may hold the sale before the engine counts as stuck (as the engine's /healthz). */
  private static final Duration SALE_LOOP_WAIT = Duration.ofMillis(200);

  private final String host;
  private final EngineState state;
  private final BuyerHub hub;
  private final BuyerHandlers buyers;
  private final HealthStatusManager health = new HealthStatusManager();
  private final HealthWatchCloser watches = new HealthWatchCloser();
  private final ServerServiceDefinition saleEngine;
  private final ServerServiceDefinition healthService;
  private final AtomicBoolean alive = new AtomicBoolean(true);

  AppEngine(ContainerSpec spec, Clock clock) {
    this.host = spec.bindHost();
    this.state = new EngineState(clock);
    this.hub = new BuyerHub(state, new ObjectMapper());
    this.buyers = BuyerHandlers.of(hub);
    String token = EngineSettings.tokenFrom(spec.env());
    TokenCheck tokens = token.isEmpty() ? TokenCheck.refusingAll() : TokenCheck.requiring(token);
    this.saleEngine = ServerInterceptors.intercept(new SaleEngineService(state, hub), tokens);
    this.healthService = ServerInterceptors.intercept(health.getHealthService(), watches);
    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
    health.setStatus(SaleEngineGrpc.SERVICE_NAME, ServingStatus.SERVING);
  }

  /** The loopback address the app's name resolves to, which tells this engine's calls apart. */
  String host() {
    return host;
  }

  ServerServiceDefinition saleEngine() {
    return saleEngine;
  }

  ServerServiceDefinition healthService() {
    return healthService;
  }

  BuyerHandlers buyers() {
    return buyers;
  }

  boolean isAlive() {
    return alive.get();
  }

  /** What the engine's {@code GET /healthz} says, without the gRPC round trip to itself. */
  String unhealthyBecause() {
    if (!alive.get()) {
      return "engine is stopping";
    }
    if (!state.responsive(SALE_LOOP_WAIT)) {
      return "sale loop stuck: no transition could start within " + SALE_LOOP_WAIT.toMillis() + " ms";
    }
    return null;
  }

  /** A graceful stop: health watchers see NOT_SERVING then their stream end, buyers 1001. */
  void close() {
    if (alive.compareAndSet(true, false)) {
      health.enterTerminalState();
      watches.closeAll(Status.UNAVAILABLE.withDescription("engine shutting down"));
      hub.disconnectAll(WsCloseStatus.GOING_AWAY.getCode(), "engine shutting down");
    }
  }

  /**
   * A kill: health watches break without NOT_SERVING, buyers are cut. The shared transports stay
   * up for the other apps, so a watcher sees its stream fail rather than its connection drop.
   */
  void kill() {
    if (alive.compareAndSet(true, false)) {
      watches.closeAll(Status.UNAVAILABLE.withDescription("engine killed"));
      hub.disconnectAll(WsCloseStatus.GOING_AWAY.getCode(), "engine killed");
    }
  }
}
