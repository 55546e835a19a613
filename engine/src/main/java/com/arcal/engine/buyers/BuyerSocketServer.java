package com.arcal.engine.buyers;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import io.javalin.websocket.WsCloseStatus;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The buyers' WebSocket server of one engine: a Javalin instance that accepts a WebSocket on any
 * path and hands it to a {@link BuyerHub}, and answers the platform's health probes on the same
 * port (Container Apps probes a port of the container, and this one is the ingress target).
 *
 * <p>Sized for hundreds of engines in one JVM: its own small Jetty pool (no acceptor thread, the
 * one selector accepts; a few workers; no reserved threads), no banner, no startup watcher.
 */
public final class BuyerSocketServer {

  private static final int MAX_THREADS = 6;
  private static final int MIN_THREADS = 2;
  /** Buyers of a live sale may sit silent for a while; a dead peer is dropped after this. */
  private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

  private final Javalin javalin;
  private final BuyerHub hub;

  private BuyerSocketServer(Javalin javalin, BuyerHub hub) {
    this.javalin = javalin;
    this.hub = hub;
  }

  /**
   * Binds {@code host:port} (0 = any free port) and starts serving buyers, with {@code healthz}
   * answering {@code GET healthzPath}.
   */
  public static BuyerSocketServer start(String host, int port, BuyerHub hub, String healthzPath, Handler healthz) {
    Objects.requireNonNull(hub, "hub");
    Objects.requireNonNull(healthz, "healthz");
    Javalin javalin = javalin("engine-ws", MAX_THREADS, host, port, config -> {
      config.routes.get(healthzPath, healthz);
      config.routes.ws("/", hub::attach);
      config.routes.ws("/*", hub::attach);
    });
    return new BuyerSocketServer(javalin.start(), hub);
  }

  /**
   * A buyers' WebSocket server, not started: daemon threads named {@code threadName} (at most
   * {@code maxThreads}), one acceptor on {@code host:port}, idle WebSockets closed after 10
   * minutes; {@code routes} adds the routes. The engine and the emulator's shared runtime both
   * serve buyers with it.
   */
  public static Javalin javalin(
      String threadName, int maxThreads, String host, int port, Consumer<JavalinConfig> routes) {
    QueuedThreadPool pool = new QueuedThreadPool(maxThreads, MIN_THREADS);
    pool.setName(threadName);
    pool.setDaemon(true);
    pool.setReservedThreads(0);
    return Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.startup.startupWatcherEnabled = false;
      config.jetty.threadPool = pool;
      config.jetty.addConnector((server, http) -> {
        ServerConnector connector = new ServerConnector(server, 0, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
      });
      config.jetty.modifyWebSocketServletFactory(factory -> factory.setIdleTimeout(IDLE_TIMEOUT));
      routes.accept(config);
    });
  }

  public int port() {
    return javalin.port();
  }

  /** Says goodbye to every buyer (1001 going away), then stops the server. */
  public void close() {
    hub.disconnectAll(WsCloseStatus.GOING_AWAY.getCode(), "engine shutting down");
    javalin.stop();
  }

  /**
   * Dies like a killed process: every TCP connection is cut without a WebSocket close frame,
   * then the server stops.
   */
  public void kill() {
    for (Connector connector : javalin.jettyServer().server().getConnectors()) {
      if (connector instanceof AbstractConnector tcp) {
        tcp.getConnectedEndPoints().forEach(EndPoint::close);
      }
    }
    javalin.stop();
  }
}
