package com.arcal.engine.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arcal.engine.sale.EngineState;
import com.arcal.engine.v1.GetSaleRequest;
import com.arcal.engine.v1.SaleEngineGrpc;
import com.arcal.engine.v1.SaleState;
import com.arcal.engine.v1.SaleStatus;
import com.arcal.engine.v1.StartSaleRequest;
import com.arcal.engine.v1.StopSaleRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SaleEngineServiceTest {

  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00.123Z");

  private final FakeBuyers buyers = new FakeBuyers();
  private GrpcEndpoint endpoint;
  private ManagedChannel channel;
  private SaleEngineGrpc.SaleEngineBlockingStub engine;

  @BeforeEach
  void startInProcess() throws IOException {
    String name = InProcessServerBuilder.generateName();
    EngineState state = new EngineState(Clock.fixed(T0, ZoneOffset.UTC));
    endpoint = GrpcEndpoint.start(InProcessServerBuilder.forName(name).directExecutor(),
        new SaleEngineService(state, buyers), TokenCheck.requiring(Bearer.TOKEN));
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    engine = Bearer.presenting(SaleEngineGrpc.newBlockingStub(channel));
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    endpoint.kill();
  }

  @Test
  void getSale_onFreshEngine_isIdle() {
    SaleStatus status = call().getSale(GetSaleRequest.getDefaultInstance());

    assertThat(status.getState()).isEqualTo(SaleState.SALE_STATE_IDLE);
    assertThat(status.getSaleId()).isEmpty();
    assertThat(status.getGeneration()).isZero();
    assertThat(status.hasStartedAt()).isFalse();
  }

  @Test
  void startSale_runsTheSaleAndReportsIt() {
    buyers.connected = 3;

    SaleStatus status = call().startSale(start("sale-1", 1));

    assertThat(status.getSaleId()).isEqualTo("sale-1");
    assertThat(status.getState()).isEqualTo(SaleState.SALE_STATE_RUNNING);
    assertThat(status.getGeneration()).isEqualTo(1);
    assertThat(status.getStartedAt().getSeconds()).isEqualTo(T0.getEpochSecond());
    assertThat(status.getStartedAt().getNanos()).isEqualTo(T0.getNano());
    assertThat(status.getConnectedBuyers()).isEqualTo(3);
    assertThat(call().getSale(GetSaleRequest.getDefaultInstance())).isEqualTo(status);
  }

  @Test
  void startSale_sameSaleAndGeneration_isIdempotent() {
    SaleStatus first = call().startSale(start("sale-1", 1).toBuilder().putConfig("lot", "a").build());

    SaleStatus again = call().startSale(start("sale-1", 1).toBuilder().putConfig("lot", "b").build());

    assertThat(again).isEqualTo(first);
  }

  @Test
  void startSale_newerGeneration_updatesInPlace() {
    SaleStatus first = call().startSale(start("sale-1", 1));

    SaleStatus second = call().startSale(start("sale-1", 2));

    assertThat(second.getGeneration()).isEqualTo(2);
    assertThat(second.getState()).isEqualTo(SaleState.SALE_STATE_RUNNING);
    assertThat(second.getStartedAt()).isEqualTo(first.getStartedAt());
  }

  @Test
  void startSale_otherSale_isFailedPrecondition() {
    call().startSale(start("sale-1", 1));

    assertThatThrownBy(() -> call().startSale(start("sale-2", 1)))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
          assertThat(e.getStatus().getDescription()).contains("sale-1", "sale-2");
        });
    assertThat(call().getSale(GetSaleRequest.getDefaultInstance()).getSaleId()).isEqualTo("sale-1");
  }

  @Test
  void startSale_otherSaleAfterStop_isStillFailedPrecondition() {
    call().startSale(start("sale-1", 1));
    call().stopSale(StopSaleRequest.getDefaultInstance());

    assertThatThrownBy(() -> call().startSale(start("sale-2", 1)))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));
  }

  @ParameterizedTest
  @CsvSource({
      "'', 1, sale_id",
      "'  ', 1, sale_id",
      "' padded', 1, sale_id",
      "sale-1, 0, generation",
      "sale-1, -4, generation"})
  void startSale_malformed_isInvalidArgumentNamingTheField(String saleId, long generation, String field) {
    assertThatThrownBy(() -> call().startSale(start(saleId, generation)))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).startsWith(field + " ");
        });
    assertThat(call().getSale(GetSaleRequest.getDefaultInstance()).getState()).isEqualTo(SaleState.SALE_STATE_IDLE);
  }

  @Test
  void startSale_emptyConfigKey_isInvalidArgument() {
    assertThatThrownBy(() -> call().startSale(start("sale-1", 1).toBuilder().putConfig("", "x").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getDescription()).startsWith("config "));
  }

  @Test
  void startSale_tooLongSaleId_isInvalidArgument() {
    assertThatThrownBy(() -> call().startSale(start("s".repeat(129), 1)))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }

  @Test
  void stopSale_stopsAndDisconnectsBuyersWithTryAgainLater() {
    call().startSale(start("sale-1", 1));
    buyers.connected = 2;

    SaleStatus stopped = call().stopSale(StopSaleRequest.newBuilder().setSaleId("sale-1").build());

    assertThat(stopped.getState()).isEqualTo(SaleState.SALE_STATE_STOPPED);
    assertThat(stopped.getConnectedBuyers()).isZero();
    assertThat(buyers.disconnectCodes).containsExactly(1013);
  }

  @Test
  void stopSale_twiceOrWhenIdle_isNotAnError() {
    assertThat(call().stopSale(StopSaleRequest.getDefaultInstance()).getState()).isEqualTo(SaleState.SALE_STATE_IDLE);
    call().startSale(start("sale-1", 1));

    call().stopSale(StopSaleRequest.getDefaultInstance());
    SaleStatus again = call().stopSale(StopSaleRequest.getDefaultInstance());

    assertThat(again.getState()).isEqualTo(SaleState.SALE_STATE_STOPPED);
  }

  @Test
  void stopSale_otherSale_isFailedPreconditionAndKeepsRunning() {
    call().startSale(start("sale-1", 1));

    assertThatThrownBy(() -> call().stopSale(StopSaleRequest.newBuilder().setSaleId("sale-2").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));
    assertThat(call().getSale(GetSaleRequest.getDefaultInstance()).getState()).isEqualTo(SaleState.SALE_STATE_RUNNING);
    assertThat(buyers.disconnectCodes).isEmpty();
  }

  @Test
  void startSale_afterStop_resumesTheSameSale() {
    call().startSale(start("sale-1", 1));
    call().stopSale(StopSaleRequest.getDefaultInstance());

    assertThat(call().startSale(start("sale-1", 1)).getState()).isEqualTo(SaleState.SALE_STATE_RUNNING);
  }

  private SaleEngineGrpc.SaleEngineBlockingStub call() {
    return engine.withDeadlineAfter(5, TimeUnit.SECONDS);
  }

  private static StartSaleRequest start(String saleId, long generation) {
    return StartSaleRequest.newBuilder().setSaleId(saleId).setGeneration(generation).build();
  }
}
