package com.arcal.engine.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arcal.engine.sale.EngineState;
import com.arcal.engine.v1.GetSaleRequest;
import com.arcal.engine.v1.SaleEngineGrpc;
import com.arcal.engine.v1.SaleState;
import com.arcal.engine.v1.StartSaleRequest;
import com.arcal.engine.v1.StopSaleRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only the holder of the engine's token drives its sale; health stays open to anyone. */
class TokenCheckTest {
  private static final String NEIGHBOURS_TOKEN = "neighbour-token-fedcba9876543210";

  private GrpcEndpoint endpoint;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      endpoint.kill();
    }
  }

  private SaleEngineGrpc.SaleEngineBlockingStub start(TokenCheck tokens) throws IOException {
    String name = InProcessServerBuilder.generateName();
    endpoint = GrpcEndpoint.start(InProcessServerBuilder.forName(name).directExecutor(),
        new SaleEngineService(new EngineState(Clock.systemUTC()), new FakeBuyers()), tokens);
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    return SaleEngineGrpc.newBlockingStub(channel);
  }

  @Test
  void stopSale_withANeighboursToken_isUnauthenticated_andTheSaleKeepsRunning() throws IOException {
    var engine = start(TokenCheck.requiring(Bearer.TOKEN));
    Bearer.presenting(engine).startSale(StartSaleRequest.newBuilder().setSaleId("sale-b").setGeneration(1).build());

    assertThatThrownBy(() -> Bearer.presenting(engine, NEIGHBOURS_TOKEN).stopSale(StopSaleRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
          assertThat(e.getStatus().getDescription()).doesNotContain(NEIGHBOURS_TOKEN);
        });

    assertThat(Bearer.presenting(engine).getSale(GetSaleRequest.getDefaultInstance()).getState())
        .isEqualTo(SaleState.SALE_STATE_RUNNING);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Bearer ", "Basic " + Bearer.TOKEN, Bearer.TOKEN, "Bearer " + Bearer.TOKEN + "x",
      "bearer " + Bearer.TOKEN, "Bearer engine-test-token-0123456789abcde"})
  void everyOtherAuthorization_isUnauthenticated(String authorization) throws IOException {
    var engine = start(TokenCheck.requiring(Bearer.TOKEN));
    Metadata headers = new Metadata();
    if (!authorization.isEmpty()) {
      headers.put(TokenCheck.AUTHORIZATION, authorization);
    }
    var caller = engine.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));

    assertThatThrownBy(() -> caller.getSale(GetSaleRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
  }

  @Test
  void anEngineWithoutAToken_refusesEveryCaller_butHealthAnswers() throws IOException {
    var engine = start(TokenCheck.refusingAll());

    assertThatThrownBy(() -> Bearer.presenting(engine).getSale(GetSaleRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
          assertThat(e.getStatus().getDescription()).contains("ARCAL_ENGINE_TOKEN");
        });
    assertThat(HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()).getStatus())
        .isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void health_needsNoToken() throws IOException {
    start(TokenCheck.requiring(Bearer.TOKEN));

    assertThat(HealthGrpc.newBlockingStub(channel)
        .check(HealthCheckRequest.newBuilder().setService(SaleEngineGrpc.SERVICE_NAME).build()).getStatus())
        .isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void anEmptyToken_isNotAToken() {
    assertThatThrownBy(() -> TokenCheck.requiring("")).isInstanceOf(IllegalArgumentException.class);
  }
}
