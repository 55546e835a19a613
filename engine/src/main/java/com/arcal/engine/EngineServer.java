package com.arcal.engine;

import com.arcal.engine.buyers.BuyerHub;
import com.arcal.engine.buyers.BuyerSocketServer;
import com.arcal.engine.grpc.GrpcEndpoint;
import com.arcal.engine.grpc.SaleEngineService;
import com.arcal.engine.grpc.TokenCheck;
import com.arcal.engine.health.EngineHealth;
import com.arcal.engine.health.HealthEndpoint;
import com.arcal.engine.sale.EngineState;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.javalin.util.JavalinException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running reference engine: gRPC ({@code SaleEngine} + health) and the buyers' WebSocket,
 * with the platform's health probe ({@code GET /healthz}) on the buyers' port.
 *
 * <p>Owns everything it starts and shares nothing with other instances, so many engines can live
 * in one JVM (the emulator's in-process mode). Each keeps its thread count small: two gRPC
 * application threads that time out when idle, and a Jetty pool of a few threads; Netty's event
 * loops are gRPC's shared defaults.
 */
public final class EngineServer implements AutoCloseable {

  /** How long a graceful close lets in-flight gRPC calls finish. */
  private static final Duration GRACE = Duration.ofSeconds(1);
  private static final int GRPC_THREADS = 2;
  /** Clients may send keepalive pings this often (gRPC's default floor is 5 minutes). */
  public static final Duration KEEPALIVE_FLOOR = Duration.ofSeconds(10);

  private final GrpcEndpoint grpc;
  private final BuyerSocketServer ws;
  private final ExecutorService grpcExecutor;
  private final AtomicBoolean alive;
  /** The health check's own channel to the gRPC port; this engine owns and closes it. */
  private final ManagedChannel selfCheck;

  private EngineServer(GrpcEndpoint grpc, BuyerSocketServer ws, ExecutorService grpcExecutor,
      AtomicBoolean alive, ManagedChannel selfCheck) {
    this.grpc = grpc;
    this.ws = ws;
    this.grpcExecutor = grpcExecutor;
    this.alive = alive;
    this.selfCheck = selfCheck;
  }

  /**
   * Binds both ports and starts serving; the sale is IDLE until {@code StartSale}.
   *
   * @throws IOException when either port cannot be bound (nothing is left running)
   */
  public static EngineServer start(EngineSettings settings) throws IOException {
    EngineState state = new EngineState(Clock.systemUTC());
    BuyerHub hub = new BuyerHub(state, new ObjectMapper());
    AtomicBoolean alive = new AtomicBoolean(true);
    EngineHealth health = new EngineHealth(alive::get, state);
    BuyerSocketServer ws;
    try {
      ws = BuyerSocketServer.start(settings.bindHost(), settings.wsPort(), hub,
          HealthEndpoint.PATH, HealthEndpoint.handler(health));
    } catch (JavalinException e) {
      throw new IOException("cannot serve buyers' WebSocket on " + settings.bindHost() + ":" + settings.wsPort()
          + ": " + e.getMessage(), e);
    }
    ExecutorService executor = grpcExecutor();
    try {
      GrpcEndpoint grpc = GrpcEndpoint.start(
          NettyServerBuilder.forAddress(new InetSocketAddress(settings.bindHost(), settings.grpcPort()))
              .executor(executor)
              // Lets a controller detect a silently dead engine with client keepalive pings.
              .permitKeepAliveTime(KEEPALIVE_FLOOR.toSeconds(), TimeUnit.SECONDS)
              .permitKeepAliveWithoutCalls(true),
          new SaleEngineService(state, hub), tokenCheck(settings));
      ManagedChannel selfCheck = selfCheckChannel(settings.bindHost(), grpc.port());
      health.grpcListening(selfCheck);
      return new EngineServer(grpc, ws, executor, alive, selfCheck);
    } catch (IOException | RuntimeException e) {
      ws.kill();
      executor.shutdownNow();
      throw e instanceof IOException io ? io
          : new IOException("cannot serve gRPC on " + settings.bindHost() + ":" + settings.grpcPort(), e);
    }
  }

  public int grpcPort() {
    return grpc.port();
  }

  public int wsPort() {
    return ws.port();
  }

  /** True from start until {@link #close} or {@link #kill} begins. */
  public boolean isAlive() {
    return alive.get();
  }

  /**
   * Dies like a SIGKILLed process: gRPC connections and buyers' sockets are cut without goodbyes,
   * so health watchers see their stream break rather than NOT_SERVING.
   */
  public void kill() {
    if (alive.compareAndSet(true, false)) {
      selfCheck.shutdownNow();
      grpc.kill();
      ws.kill();
      grpcExecutor.shutdown();
    }
  }

  /**
   * Graceful stop (what SIGTERM does): buyers get a going-away close, health watchers get
   * NOT_SERVING then the end of their stream, in-flight calls get a short grace.
   */
  @Override
  public void close() {
    if (alive.compareAndSet(true, false)) {
      selfCheck.shutdownNow();
      ws.close();
      grpc.close(GRACE);
      grpcExecutor.shutdown();
    }
  }

  /** Blocks until the gRPC server has terminated, i.e. after {@link #close} or {@link #kill}. */
  public void awaitTermination() throws InterruptedException {
    grpc.awaitTermination();
  }

  private static TokenCheck tokenCheck(EngineSettings settings) {
    return settings.hasToken() ? TokenCheck.requiring(settings.token()) : TokenCheck.refusingAll();
  }

  /**
   * The health check reaches the gRPC server the way a client does (Netty, a TCP connection), so
   * a server that accepts but no longer answers fails it. A wildcard bind is reached on loopback.
   */
  private static ManagedChannel selfCheckChannel(String bindHost, int port) {
    String host = bindHost.equals("0.0.0.0") || bindHost.equals("::") ? "127.0.0.1" : bindHost;
    return NettyChannelBuilder.forAddress(host, port).usePlaintext().directExecutor().build();
  }

  // Per-engine, not shared: idle engines hold no gRPC threads at all (core threads time out).
  private static ExecutorService grpcExecutor() {
    ThreadPoolExecutor executor = new ThreadPoolExecutor(GRPC_THREADS, GRPC_THREADS, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(),
        new ThreadFactoryBuilder().setNameFormat("engine-grpc-%d").setDaemon(true).build());
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }
}
