package com.arcal.controller.engine;

import com.arcal.controller.sale.SaleId;
import com.arcal.controller.secret.Secret;
import com.arcal.engine.v1.GetSaleRequest;
import com.arcal.engine.v1.SaleEngineGrpc;
import com.arcal.engine.v1.SaleStatus;
import com.arcal.engine.v1.StartSaleRequest;
import com.arcal.engine.v1.StopSaleRequest;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@link EngineClient} over gRPC: one cached plaintext channel per engine address (the port is
 * internal to the environment, whose peer-to-peer encryption carries it) with keepalive pings
 * ({@link ChannelKeepalive}), the engine's token as call credentials on every {@code SaleEngine}
 * call, a deadline on every unary call, a declared retry policy for UNAVAILABLE so a connection
 * blip does not fail a reconcile pass, and health watches that survive a cleanly ended stream
 * ({@link HealthWatch}).
 */
public final class GrpcEngineClient implements EngineClient {
  private final Duration deadline;
  private final Function<EngineAddress, ManagedChannel> channelFactory;
  private final Clock clock;
  private final ConcurrentMap<EngineAddress, ManagedChannel> channels = new ConcurrentHashMap<>();

  /** Engines reached by DNS names (Azure: the environment resolves app names). */
  public GrpcEngineClient(Duration deadline) {
    this(deadline, address -> channel(NettyChannelBuilder.forAddress(address.host(), address.port())));
  }

  /**
   * Engines whose names resolve through {@code names} rather than DNS (the local platform: the
   * emulator's hosts file).
   */
  public static GrpcEngineClient resolvingThrough(
      Duration deadline, Function<String, Optional<String>> names) {
    NamesResolverFactory resolver = new NamesResolverFactory(names);
    return new GrpcEngineClient(
        deadline,
        address ->
            channel(
                NettyChannelBuilder.forTarget(NamesResolverFactory.target(address))
                    .nameResolverFactory(resolver)));
  }

  /** For tests: channels made by the given factory (e.g. in-process). */
  public GrpcEngineClient(Duration deadline, Function<EngineAddress, ManagedChannel> channelFactory) {
    this(deadline, channelFactory, Clock.systemUTC());
  }

  /** For tests: channels made by the given factory, health-watch reopens paced by {@code clock}. */
  public GrpcEngineClient(
      Duration deadline, Function<EngineAddress, ManagedChannel> channelFactory, Clock clock) {
    this.deadline = deadline;
    this.channelFactory = channelFactory;
    this.clock = clock;
  }

  private static ManagedChannel channel(NettyChannelBuilder builder) {
    return ChannelKeepalive.apply(builder)
        .usePlaintext()
        .defaultServiceConfig(retryOnUnavailable())
        .enableRetry()
        .build();
  }

  /** Service config: up to 3 attempts on UNAVAILABLE, backoff 100 ms to 500 ms. */
  private static Map<String, ?> retryOnUnavailable() {
    Map<String, Object> retryPolicy =
        Map.of(
            "maxAttempts", 3.0,
            "initialBackoff", "0.1s",
            "maxBackoff", "0.5s",
            "backoffMultiplier", 2.0,
            "retryableStatusCodes", List.of("UNAVAILABLE"));
    Map<String, Object> methodConfig =
        Map.of(
            "name", List.of(Map.of("service", SaleEngineGrpc.SERVICE_NAME)),
            "retryPolicy", retryPolicy);
    return Map.of("methodConfig", List.of(methodConfig));
  }

  @Override
  public EngineView start(
      EngineAddress address, Optional<Secret> token, SaleId saleId, Map<String, String> config, long generation) {
    StartSaleRequest request =
        StartSaleRequest.newBuilder()
            .setSaleId(saleId.value())
            .putAllConfig(config)
            .setGeneration(generation)
            .build();
    return unary(address, token, "StartSale", stub -> stub.startSale(request));
  }

  @Override
  public EngineView get(EngineAddress address, Optional<Secret> token) {
    return unary(address, token, "GetSale", stub -> stub.getSale(GetSaleRequest.getDefaultInstance()));
  }

  @Override
  public EngineView stop(EngineAddress address, Optional<Secret> token, SaleId saleId) {
    StopSaleRequest request = StopSaleRequest.newBuilder().setSaleId(saleId.value()).build();
    return unary(address, token, "StopSale", stub -> stub.stopSale(request));
  }

  private EngineView unary(
      EngineAddress address,
      Optional<Secret> token,
      String method,
      Function<SaleEngineGrpc.SaleEngineBlockingStub, SaleStatus> call) {
    ManagedChannel channel = channel(address);
    if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
      // The channel waits out its reconnect backoff (1 s, 1.6 s, 2.6 s...) failing every call at
      // once; a reconcile pass is a deliberate probe, so try to connect now: a restarted engine
      // is then seen as soon as it listens, not at the channel's next scheduled attempt.
      channel.resetConnectBackoff();
    }
    var stub =
        SaleEngineGrpc.newBlockingStub(channel)
            .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    if (token.isPresent()) {
      stub = stub.withCallCredentials(new BearerToken(token.get()));
    }
    try {
      return toView(call.apply(stub));
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      String message = method + " to engine " + address + " failed: " + code
          + (e.getStatus().getDescription() == null ? "" : " " + e.getStatus().getDescription());
      if (code == Status.Code.UNAUTHENTICATED) {
        throw new EngineUnauthenticatedException(message, e);
      }
      boolean unreachable =
          code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
      throw new EngineException(message, unreachable, e);
    }
  }

  @Override
  public AutoCloseable watchHealth(EngineAddress address, Consumer<Boolean> listener) {
    return new HealthWatch(channel(address), listener, clock).open();
  }

  private ManagedChannel channel(EngineAddress address) {
    return channels.computeIfAbsent(address, channelFactory);
  }

  @Override
  public void connect(EngineAddress address) {
    channel(address).getState(true);
  }

  @Override
  public void forget(EngineAddress address) {
    ManagedChannel channel = channels.remove(address);
    if (channel != null) {
      channel.shutdownNow();
    }
  }

  @Override
  public void close() {
    channels.keySet().forEach(this::forget);
  }

  private static EngineView toView(SaleStatus status) {
    EngineView.State state =
        switch (status.getState()) {
          case SALE_STATE_IDLE -> EngineView.State.IDLE;
          case SALE_STATE_RUNNING -> EngineView.State.RUNNING;
          case SALE_STATE_STOPPED -> EngineView.State.STOPPED;
          case SALE_STATE_FAILED -> EngineView.State.FAILED;
          default -> EngineView.State.UNKNOWN;
        };
    Instant startedAt =
        status.hasStartedAt()
            ? Instant.ofEpochSecond(status.getStartedAt().getSeconds(), status.getStartedAt().getNanos())
            : null;
    return new EngineView(
        status.getSaleId(),
        state,
        status.getGeneration(),
        startedAt,
        status.getConnectedBuyers(),
        status.getMessage());
  }
}
