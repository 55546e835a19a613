package com.arcal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.arcal.engine.grpc.Bearer;
import com.arcal.engine.v1.GetSaleRequest;
import com.arcal.engine.v1.SaleEngineGrpc;
import com.arcal.engine.v1.StartSaleRequest;
import com.arcal.engine.v1.StopSaleRequest;
import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole engine on loopback ports: gRPC over Netty, buyers over real WebSockets. */
class EngineServerTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private EngineServer engine;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    engine = EngineServer.start(EngineSettings.ephemeralLoopback().withToken(Bearer.TOKEN));
    channel = NettyChannelBuilder.forAddress("127.0.0.1", engine.grpcPort()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    engine.kill();
  }

  @Test
  void start_bindsEphemeralPortsAndIsAlive() {
    assertThat(engine.grpcPort()).isPositive();
    assertThat(engine.wsPort()).isPositive().isNotEqualTo(engine.grpcPort());
    assertThat(engine.isAlive()).isTrue();
  }

  @Test
  void start_onBusyPort_failsWithIOException() throws Exception {
    EngineSettings busyGrpc = new EngineSettings("127.0.0.1", engine.grpcPort(), 0);
    EngineSettings busyWs = new EngineSettings("127.0.0.1", 0, engine.wsPort());

    assertThatThrownBy(() -> EngineServer.start(busyGrpc)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> EngineServer.start(busyWs)).isInstanceOf(IOException.class)
        .hasMessageContaining(String.valueOf(engine.wsPort()));
  }

  @Test
  void buyer_beforeStartSale_getsHelloThenTryAgainLater() throws Exception {
    try (BuyerClient buyer = BuyerClient.connect(http, engine.wsPort(), "/")) {
      JsonNode hello = buyer.next();

      assertThat(hello.get("type").asText()).isEqualTo("hello");
      assertThat(hello.get("state").asText()).isEqualTo("IDLE");
      assertThat(buyer.awaitClose()).isEqualTo(1013);
    }
    assertThat(sales().getSale(GetSaleRequest.getDefaultInstance()).getConnectedBuyers()).isZero();
  }

  @Test
  void buyer_afterStartSale_isAdmittedOnAnyPathAndCounted() throws Exception {
    sales().startSale(start("sale-1"));

    try (BuyerClient buyer = BuyerClient.connect(http, engine.wsPort(), "/sales/sale-1/live")) {
      JsonNode hello = buyer.next();

      assertThat(hello.get("saleId").asText()).isEqualTo("sale-1");
      assertThat(hello.get("state").asText()).isEqualTo("RUNNING");
      await().atMost(Duration.ofSeconds(5)).until(() -> connectedBuyers() == 1);
      assertThat(buyer.closeCode).isNotDone();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> connectedBuyers() == 0);
  }

  @Test
  void bid_isRelayedToTheOtherBuyersOnly() throws Exception {
    sales().startSale(start("sale-1"));
    try (BuyerClient alice = BuyerClient.connect(http, engine.wsPort(), "/");
        BuyerClient bob = BuyerClient.connect(http, engine.wsPort(), "/")) {
      alice.next();
      bob.next();
      await().atMost(Duration.ofSeconds(5)).until(() -> connectedBuyers() == 2);

      alice.send("{\"type\":\"bid\",\"amount\":10}");
      JsonNode atBob = bob.next();
      bob.send("{\"type\":\"bid\",\"amount\":11}");
      // Had alice been echoed her own bid, it would have been queued before bob's answer.
      JsonNode atAlice = alice.next();

      assertThat(atBob.get("amount").asInt()).isEqualTo(10);
      assertThat(atAlice.get("amount").asInt()).isEqualTo(11);
    }
  }

  @Test
  void malformedMessage_getsAnErrorAndTheConnectionStaysOpen() throws Exception {
    sales().startSale(start("sale-1"));
    try (BuyerClient alice = BuyerClient.connect(http, engine.wsPort(), "/");
        BuyerClient bob = BuyerClient.connect(http, engine.wsPort(), "/")) {
      alice.next();
      bob.next();
      await().atMost(Duration.ofSeconds(5)).until(() -> connectedBuyers() == 2);

      alice.send("this is not json");
      JsonNode error = alice.next();
      alice.send("{\"type\":\"bid\",\"amount\":12}");

      assertThat(error.get("type").asText()).isEqualTo("error");
      assertThat(bob.next().get("amount").asInt()).isEqualTo(12);
      assertThat(alice.closeCode).isNotDone();
    }
  }

  @Test
  void stopSale_closesBuyersAndRefusesNewOnes() throws Exception {
    sales().startSale(start("sale-1"));
    try (BuyerClient early = BuyerClient.connect(http, engine.wsPort(), "/")) {
      early.next();
      await().atMost(Duration.ofSeconds(5)).until(() -> connectedBuyers() == 1);

      sales().stopSale(StopSaleRequest.getDefaultInstance());

      assertThat(early.awaitClose()).isEqualTo(1013);
    }
    try (BuyerClient late = BuyerClient.connect(http, engine.wsPort(), "/")) {
      assertThat(late.next().get("state").asText()).isEqualTo("STOPPED");
      assertThat(late.awaitClose()).isEqualTo(1013);
    }
    assertThat(connectedBuyers()).isZero();
  }

  @Test
  void close_saysGoodbyeToBuyersAndHealthWatchers() throws Exception {
    sales().startSale(start("sale-1"));
    RecordingObserver<HealthCheckResponse> watch = watchHealth();
    try (BuyerClient buyer = BuyerClient.connect(http, engine.wsPort(), "/")) {
      buyer.next();
      await().atMost(Duration.ofSeconds(5)).until(() -> connectedBuyers() == 1);

      engine.close();

      assertThat(buyer.awaitClose()).isEqualTo(1001);
    }
    assertThat(watch.end.get(5, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(statuses(watch)).containsExactly(ServingStatus.SERVING, ServingStatus.NOT_SERVING);
    assertThat(engine.isAlive()).isFalse();
  }

  @Test
  void kill_breaksHealthWatchWithoutNotServing() throws Exception {
    RecordingObserver<HealthCheckResponse> watch = watchHealth();

    engine.kill();

    // Netty reports the cut stream as CANCELLED or UNAVAILABLE depending on which frame wins.
    assertThat(watch.end.get(5, TimeUnit.SECONDS).getCode()).isIn(Status.Code.UNAVAILABLE, Status.Code.CANCELLED);
    assertThat(statuses(watch)).containsExactly(ServingStatus.SERVING);
    assertThat(engine.isAlive()).isFalse();
  }

  @Test
  void healthz_onTheBuyersPort_answersOkWhileTheEngineRuns_andBuyersStillConnectThere() throws Exception {
    HttpResponse<String> healthz = healthz();

    assertThat(healthz.statusCode()).isEqualTo(200);
    assertThat(healthz.body()).isEqualTo("ok\n");
    try (BuyerClient buyer = BuyerClient.connect(http, engine.wsPort(), "/healthz")) {
      assertThat(buyer.next().get("type").asText()).isEqualTo("hello");
    }
  }

  private HttpResponse<String> healthz() throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.wsPort() + "/healthz"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private RecordingObserver<HealthCheckResponse> watchHealth() {
    RecordingObserver<HealthCheckResponse> watch = new RecordingObserver<>();
    HealthGrpc.newStub(channel).watch(HealthCheckRequest.newBuilder().setService("").build(), watch);
    await().atMost(Duration.ofSeconds(5)).until(() -> !watch.messages.isEmpty());
    return watch;
  }

  private static List<ServingStatus> statuses(RecordingObserver<HealthCheckResponse> watch) {
    return watch.messages.stream().map(HealthCheckResponse::getStatus).toList();
  }

  private int connectedBuyers() {
    return sales().getSale(GetSaleRequest.getDefaultInstance()).getConnectedBuyers();
  }

  private SaleEngineGrpc.SaleEngineBlockingStub sales() {
    return Bearer.presenting(SaleEngineGrpc.newBlockingStub(channel)).withDeadlineAfter(5, TimeUnit.SECONDS);
  }

  private static StartSaleRequest start(String saleId) {
    return StartSaleRequest.newBuilder().setSaleId(saleId).setGeneration(1).build();
  }
}
