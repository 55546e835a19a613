package com.arcal.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.engine.grpc.GrpcEndpoint;
import com.arcal.engine.grpc.SaleEngineService;
import com.arcal.engine.grpc.TokenCheck;
import com.arcal.engine.sale.EngineState;
import com.arcal.engine.sale.StuckTransition;
import com.arcal.engine.buyers.Buyers;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EngineHealthTest {

  private final EngineState sale = new EngineState(Clock.systemUTC());
  private final AtomicBoolean alive = new AtomicBoolean(true);
  private final EngineHealth health = new EngineHealth(alive::get, sale);
  private GrpcEndpoint endpoint;
  private ManagedChannel channel;

  @BeforeEach
  void startGrpc() throws Exception {
    String name = InProcessServerBuilder.generateName();
    // Health is answered whatever the token: probes and watches carry none.
    endpoint =
        GrpcEndpoint.start(
            InProcessServerBuilder.forName(name),
            new SaleEngineService(sale, new NoBuyers()),
            TokenCheck.refusingAll());
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    endpoint.kill();
  }

  @Test
  void check_beforeTheGrpcServerListens_isUnhealthy() {
    EngineHealth.Verdict verdict = health.check();

    assertThat(verdict.healthy()).isFalse();
    assertThat(verdict.detail()).contains("gRPC server not listening");
  }

  @Test
  void check_withGrpcAnsweringAndTheSaleFree_isHealthy() {
    health.grpcListening(channel);

    assertThat(health.check()).isEqualTo(new EngineHealth.Verdict(true, "ok"));
  }

  @Test
  void check_onceTheGrpcServerIsGone_isUnhealthy() {
    health.grpcListening(channel);
    endpoint.kill();

    EngineHealth.Verdict verdict = health.check();

    assertThat(verdict.healthy()).isFalse();
    assertThat(verdict.detail()).startsWith("gRPC health check failed: UNAVAILABLE");
  }

  @Test
  void check_whileTheSaleLoopIsStuck_isUnhealthy_andHealthyAgainOnceItMoves() throws Exception {
    health.grpcListening(channel);

    try (StuckTransition stuck = StuckTransition.in(sale)) {
      EngineHealth.Verdict verdict = health.check();
      assertThat(verdict.healthy()).isFalse();
      assertThat(verdict.detail()).startsWith("sale loop stuck");
    }
    assertThat(health.check().healthy()).isTrue();
  }

  @Test
  void check_onceTheEngineIsStopping_isUnhealthy() {
    health.grpcListening(channel);
    alive.set(false);

    assertThat(health.check()).isEqualTo(new EngineHealth.Verdict(false, "engine is stopping"));
  }

  private static final class NoBuyers implements Buyers {
    @Override
    public int connected() {
      return 0;
    }

    @Override
    public void disconnectAll(int closeCode, String reason) {}
  }
}
