package com.arcal.engine.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.engine.RecordingObserver;
import com.arcal.engine.sale.EngineState;
import com.arcal.engine.v1.SaleEngineGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HealthTest {

  private GrpcEndpoint endpoint;
  private ManagedChannel channel;

  @BeforeEach
  void startInProcess() throws IOException {
    String name = InProcessServerBuilder.generateName();
    endpoint = GrpcEndpoint.start(InProcessServerBuilder.forName(name).directExecutor(),
        new SaleEngineService(new EngineState(Clock.systemUTC()), new FakeBuyers()), TokenCheck.refusingAll());
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    endpoint.kill();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", SaleEngineGrpc.SERVICE_NAME})
  void check_whileUp_isServing(String service) {
    HealthCheckResponse response = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(service).build());

    assertThat(response.getStatus()).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void watch_onGracefulClose_seesNotServingThenTheEndOfTheStream() throws Exception {
    RecordingObserver<HealthCheckResponse> watcher = watch(SaleEngineGrpc.SERVICE_NAME);
    assertThat(statuses(watcher)).containsExactly(ServingStatus.SERVING);

    endpoint.close(Duration.ofSeconds(5));

    assertThat(watcher.end.get(5, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(statuses(watcher)).containsExactly(ServingStatus.SERVING, ServingStatus.NOT_SERVING);
    assertThat(endpoint.isTerminated()).isTrue();
  }

  @Test
  void watch_onKill_seesTheStreamBreakWithoutNotServing() throws Exception {
    RecordingObserver<HealthCheckResponse> watcher = watch("");

    endpoint.kill();

    assertThat(watcher.end.get(5, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(statuses(watcher)).containsExactly(ServingStatus.SERVING);
  }

  @Test
  void close_withSeveralWatchers_endsEveryStreamWithoutWaitingForTheGrace() throws Exception {
    RecordingObserver<HealthCheckResponse> overall = watch("");
    RecordingObserver<HealthCheckResponse> saleEngine = watch(SaleEngineGrpc.SERVICE_NAME);
    long before = System.nanoTime();

    endpoint.close(Duration.ofSeconds(30));

    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(10));
    assertThat(overall.end.get(5, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(saleEngine.end.get(5, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(statuses(overall)).endsWith(ServingStatus.NOT_SERVING);
  }

  private RecordingObserver<HealthCheckResponse> watch(String service) {
    RecordingObserver<HealthCheckResponse> watcher = new RecordingObserver<>();
    HealthGrpc.newStub(channel).watch(HealthCheckRequest.newBuilder().setService(service).build(), watcher);
    return watcher;
  }

  private static List<ServingStatus> statuses(RecordingObserver<HealthCheckResponse> watcher) {
    return watcher.messages.stream().map(HealthCheckResponse::getStatus).toList();
  }
}
