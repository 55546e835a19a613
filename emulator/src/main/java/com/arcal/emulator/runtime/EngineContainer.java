package com.arcal.emulator.runtime;

import com.arcal.engine.EngineServer;
import com.arcal.engine.EngineSettings;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A container instance that is a reference engine inside this JVM, on the app's loopback address.
 * An engine has no exit to await: this instance reports its own stop and kill, and notices an
 * engine that stopped otherwise when polled.
 */
final class EngineContainer implements Container {

  static final int DEFAULT_WS_PORT = 3000;
  static final int DEFAULT_GRPC_PORT = 50051;

  private final EngineServer server;
  private final CompletableFuture<String> exit = new CompletableFuture<>();
  /** Set once we stop or kill it: from then on the exit is reported by us, after the ports are free. */
  private final AtomicBoolean stopping = new AtomicBoolean();

  private EngineContainer(EngineServer server) {
    this.server = server;
  }

  /**
   * Binds the spec's ports (WebSocket first, gRPC second; the engine's defaults when absent) and
   * takes its token from the environment, as the engine process does.
   */
  static EngineContainer start(ContainerSpec spec) throws IOException {
    int wsPort = spec.ports().isEmpty() ? DEFAULT_WS_PORT : spec.ports().get(0);
    int grpcPort = spec.ports().size() < 2 ? DEFAULT_GRPC_PORT : spec.ports().get(1);
    EngineSettings settings = new EngineSettings(spec.bindHost(), grpcPort, wsPort, EngineSettings.tokenFrom(spec.env()));
    return new EngineContainer(EngineServer.start(settings));
  }

  @Override
  public CompletableFuture<String> onExit() {
    return exit;
  }

  @Override
  public boolean isAlive() {
    return server.isAlive();
  }

  /** {@link EngineServer#start} returns with both ports bound, so a live engine is ready. */
  @Override
  public boolean isReady() {
    return server.isAlive();
  }

  @Override
  public void terminate() {
    stopping.set(true);
    try {
      server.close();
    } finally {
      exit.complete("Stopped");
    }
  }

  @Override
  public void kill() {
    stopping.set(true);
    try {
      server.kill();
    } finally {
      exit.complete("Engine killed");
    }
  }

  @Override
  public void poll() {
    if (!stopping.get() && !server.isAlive()) {
      exit.complete("Engine stopped");
    }
  }
}
