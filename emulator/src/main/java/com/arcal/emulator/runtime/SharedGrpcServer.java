package com.arcal.emulator.runtime;

import com.arcal.engine.EngineServer;
import com.arcal.engine.v1.SaleEngineGrpc;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One gRPC server on the wildcard address for every app's engine port: a call is handed to the
 * engine of the app whose address it came in on ({@code TRANSPORT_ATTR_LOCAL_ADDR}), exactly as
 * if that engine had its own server there. Peers that are not on loopback are refused: the
 * wildcard bind must not open the engines to the network.
 */
final class SharedGrpcServer implements AutoCloseable {
  private static final int THREADS = 4;

  private final Server server;
  private final ExecutorService executor;

  private SharedGrpcServer(Server server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Binds {@code 0.0.0.0:port} (0 = any free port) and serves every engine {@code engines} finds. */
  static SharedGrpcServer start(int port, Function<String, Optional<AppEngine>> engines)
      throws IOException {
    ExecutorService executor =
        Executors.newFixedThreadPool(
            THREADS,
            new ThreadFactoryBuilder().setNameFormat("shared-engine-grpc-%d").setDaemon(true).build());
    try {
      Server server =
          NettyServerBuilder.forAddress(new InetSocketAddress("0.0.0.0", port))
              .executor(executor)
              .permitKeepAliveTime(EngineServer.KEEPALIVE_FLOOR.toSeconds(), TimeUnit.SECONDS)
              .permitKeepAliveWithoutCalls(true)
              .addService(dispatching(SaleEngineGrpc.getServiceDescriptor(), engines, AppEngine::saleEngine))
              .addService(dispatching(HealthGrpc.getServiceDescriptor(), engines, AppEngine::healthService))
              .build()
              .start();
      return new SharedGrpcServer(server, executor);
    } catch (IOException | RuntimeException e) {
      executor.shutdownNow();
      throw e;
    }
  }

  int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
  }

  /**
   * A service of {@code descriptor} whose every method forwards to the same method of the app's
   * own service definition ({@code service}), chosen per call by the address it came in on.
   */
  private static ServerServiceDefinition dispatching(
      ServiceDescriptor descriptor,
      Function<String, Optional<AppEngine>> engines,
      Function<AppEngine, ServerServiceDefinition> service) {
    ServerServiceDefinition.Builder builder = ServerServiceDefinition.builder(descriptor);
    for (MethodDescriptor<?, ?> method : descriptor.getMethods()) {
      addForwarding(builder, method, engines, service);
    }
    return builder.build();
  }

  private static <Q, R> void addForwarding(
      ServerServiceDefinition.Builder builder,
      MethodDescriptor<Q, R> method,
      Function<String, Optional<AppEngine>> engines,
      Function<AppEngine, ServerServiceDefinition> service) {
    builder.addMethod(method, (call, headers) -> {
      SocketAddress peer = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
      if (!(peer instanceof InetSocketAddress remote) || !remote.getAddress().isLoopbackAddress()) {
        return refuse(call, Status.PERMISSION_DENIED.withDescription(
            "the shared engine runtime answers loopback peers only"));
      }
      Optional<AppEngine> engine =
          localHost(call).flatMap(engines).filter(AppEngine::isAlive);
      if (engine.isEmpty()) {
        // What a client of a stopped engine sees: nothing listens for this app any more.
        return refuse(call, Status.UNAVAILABLE.withDescription("no engine runs at this address"));
      }
      @SuppressWarnings("unchecked") // the app's definition has this very method, same types
      ServerCallHandler<Q, R> handler =
          (ServerCallHandler<Q, R>)
              service.apply(engine.get()).getMethod(method.getFullMethodName()).getServerCallHandler();
      return handler.startCall(call, headers);
    });
  }

  private static Optional<String> localHost(ServerCall<?, ?> call) {
    SocketAddress local = call.getAttributes().get(Grpc.TRANSPORT_ATTR_LOCAL_ADDR);
    return local instanceof InetSocketAddress inet
        ? Optional.of(inet.getAddress().getHostAddress())
        : Optional.empty();
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
    call.close(status, new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
