package com.arcal.emulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.arcal.emulator.runtime.ReplicaStatus.State;
import com.arcal.engine.v1.GetSaleRequest;
import com.arcal.engine.v1.SaleEngineGrpc;
import com.arcal.engine.v1.SaleState;
import com.arcal.engine.v1.StartSaleRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared runtime: two apps behind one gRPC server and one WebSocket listener answer as two
 * distinct engines, each on its own loopback address, each with its own token, sale and buyers.
 */
class SharedRuntimeTest {
  private static final String HOST_A = "127.1.253.1";
  private static final String HOST_B = "127.1.253.2";

  @TempDir Path dataDir;
  private ContainerRuntime runtime;
  private int wsPort;
  private int grpcPort;
  private final List<ManagedChannel> channels = new ArrayList<>();

  @BeforeEach
  void start() {
    wsPort = freePort();
    grpcPort = freePort();
    runtime =
        ContainerRuntimes.create(
            new RuntimeSettings(
                RuntimeSettings.Mode.SHARED, dataDir, Map.of(), Duration.ofSeconds(5),
                Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMillis(50),
                Duration.ofSeconds(60)));
    runtime.ensureRunning(spec("shop-a", HOST_A, "token-a"));
    runtime.ensureRunning(spec("shop-b", HOST_B, "token-b"));
    await().until(() -> running("shop-a") && running("shop-b"));
  }

  @AfterEach
  void stop() {
    channels.forEach(ManagedChannel::shutdownNow);
    runtime.close();
  }

  @Test
  void twoApps_answerAsTwoDistinctEngines() {
    SaleEngineGrpc.SaleEngineBlockingStub a = engine(HOST_A, "token-a");
    SaleEngineGrpc.SaleEngineBlockingStub b = engine(HOST_B, "token-b");

    var started = a.startSale(StartSaleRequest.newBuilder().setSaleId("sale-a").setGeneration(3).build());

    assertThat(started.getSaleId()).isEqualTo("sale-a");
    assertThat(a.getSale(GetSaleRequest.getDefaultInstance()).getState()).isEqualTo(SaleState.SALE_STATE_RUNNING);
    assertThat(b.getSale(GetSaleRequest.getDefaultInstance()).getState()).isEqualTo(SaleState.SALE_STATE_IDLE);
    assertThat(runtime.bindsAppPorts()).isFalse();
  }

  @Test
  void eachApp_checksItsOwnToken_healthStaysOpen() {
    SaleEngineGrpc.SaleEngineBlockingStub bWithTokenOfA = engine(HOST_B, "token-a");

    assertThatThrownBy(() -> bWithTokenOfA.getSale(GetSaleRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    assertThat(HealthGrpc.newBlockingStub(channel(HOST_B))
            .withDeadlineAfter(5, TimeUnit.SECONDS)
            .check(HealthCheckRequest.getDefaultInstance()).getStatus())
        .isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void buyersAndHealthz_reachTheirOwnApp() throws Exception {
    engine(HOST_A, "token-a")
        .startSale(StartSaleRequest.newBuilder().setSaleId("sale-a").setGeneration(1).build());

    String helloA = firstMessage(HOST_A);
    String helloB = firstMessage(HOST_B);

    assertThat(helloA).contains("sale-a").containsIgnoringCase("running");
    assertThat(helloB).doesNotContain("sale-a");
    assertThat(healthz(HOST_A)).isEqualTo(200);
    assertThat(healthz(HOST_B)).isEqualTo(200);
  }

  @Test
  void aRemovedApp_isUnreachable_theOtherStillAnswers() throws Exception {
    runtime.remove("shop-a");

    assertThatThrownBy(() -> engine(HOST_A, "token-a").getSale(GetSaleRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    assertThat(healthz(HOST_A)).isEqualTo(503);
    assertThat(engine(HOST_B, "token-b").getSale(GetSaleRequest.getDefaultInstance()).getState())
        .isEqualTo(SaleState.SALE_STATE_IDLE);
  }

  @Test
  void aCrashedApp_comesBackIdle_asARestartedEngine() {
    engine(HOST_A, "token-a")
        .startSale(StartSaleRequest.newBuilder().setSaleId("sale-a").setGeneration(1).build());

    runtime.crash("shop-a");

    await().until(() -> running("shop-a") && runtime.replica("shop-a").orElseThrow().restartCount() == 1);
    assertThat(engine(HOST_A, "token-a").getSale(GetSaleRequest.getDefaultInstance()).getState())
        .isEqualTo(SaleState.SALE_STATE_IDLE);
  }

  private boolean running(String app) {
    return runtime.replica(app).map(r -> r.state() == State.RUNNING).orElse(false);
  }

  private ContainerSpec spec(String app, String host, String token) {
    return new ContainerSpec(app, app + "--r1", ContainerRuntimes.ENGINE_IMAGE, host,
        Map.of("ARCAL_ENGINE_TOKEN", token), List.of(wsPort, grpcPort));
  }

  private ManagedChannel channel(String host) {
    ManagedChannel channel = NettyChannelBuilder.forAddress(host, grpcPort).usePlaintext().build();
    channels.add(channel);
    return channel;
  }

  private SaleEngineGrpc.SaleEngineBlockingStub engine(String host, String token) {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return SaleEngineGrpc.newBlockingStub(channel(host))
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .withDeadlineAfter(5, TimeUnit.SECONDS);
  }

  private int healthz(String host) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + wsPort + "/healthz"))
                .timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
    return r.statusCode();
  }

  /** The engine's hello to a new buyer: the sale it runs, or why it admits nobody. */
  private String firstMessage(String host) throws Exception {
    CompletableFuture<String> first = new CompletableFuture<>();
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://" + host + ":" + wsPort + "/"), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            first.complete(data.toString());
            return null;
          }
        })
        .get(5, TimeUnit.SECONDS);
    try {
      return first.get(5, TimeUnit.SECONDS);
    } finally {
      socket.abort();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("0.0.0.0", 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
