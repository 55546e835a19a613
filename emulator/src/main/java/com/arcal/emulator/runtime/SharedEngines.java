package com.arcal.emulator.runtime;

import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Every app's engine behind one gRPC server and one WebSocket listener per port (the apps' ports
 * are normally the same two), bound on the wildcard address and reached on each app's own
 * loopback address, which tells the apps apart. The listeners start with the first app that needs
 * them and live until {@link #close}.
 */
final class SharedEngines implements AutoCloseable {
  private final Clock clock;
  /** Engines by the loopback address of their app. */
  private final ConcurrentMap<String, AppEngine> engines = new ConcurrentHashMap<>();
  // Guarded by this.
  private final Map<Integer, SharedGrpcServer> grpc = new HashMap<>();
  private final Map<Integer, SharedBuyerListener> buyers = new HashMap<>();
  private boolean closed;

  SharedEngines(Clock clock) {
    this.clock = clock;
  }

  /**
   * Starts {@code spec}'s engine on its ports (buyers first, gRPC second, the engine's defaults
   * when absent), starting the listeners of those ports if none runs yet.
   */
  AppEngine start(ContainerSpec spec) throws IOException {
    int wsPort = spec.ports().isEmpty() ? EngineContainer.DEFAULT_WS_PORT : spec.ports().get(0);
    int grpcPort =
        spec.ports().size() < 2 ? EngineContainer.DEFAULT_GRPC_PORT : spec.ports().get(1);
    listen(wsPort, grpcPort);
    AppEngine engine = new AppEngine(spec, clock);
    AppEngine before = engines.put(spec.bindHost(), engine);
    if (before != null) {
      before.kill();
    }
    return engine;
  }

  /** Forgets {@code engine} if it still is its address's (a successor may have taken it). */
  void remove(AppEngine engine) {
    engines.remove(engine.host(), engine);
  }

  Optional<AppEngine> at(String host) {
    return Optional.ofNullable(engines.get(host));
  }

  private synchronized void listen(int wsPort, int grpcPort) throws IOException {
    if (closed) {
      throw new IOException("the shared engine runtime is closed");
    }
    if (!buyers.containsKey(wsPort)) {
      try {
        buyers.put(wsPort, SharedBuyerListener.start(wsPort, this::at));
      } catch (RuntimeException e) {
        throw new IOException("cannot serve buyers on 0.0.0.0:" + wsPort + ": " + e.getMessage(), e);
      }
    }
    if (!grpc.containsKey(grpcPort)) {
      grpc.put(grpcPort, SharedGrpcServer.start(grpcPort, this::at));
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    engines.values().forEach(AppEngine::kill);
    engines.clear();
    grpc.values().forEach(SharedGrpcServer::close);
    buyers.values().forEach(SharedBuyerListener::close);
  }
}
