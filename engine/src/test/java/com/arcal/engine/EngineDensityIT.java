package com.arcal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.engine.grpc.Bearer;
import com.arcal.engine.v1.GetSaleRequest;
import com.arcal.engine.v1.SaleEngineGrpc;
import com.arcal.engine.v1.SaleState;
import com.arcal.engine.v1.StartSaleRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many engines in one JVM, as the emulator's in-process mode runs them. */
class EngineDensityIT {

  private static final int WARM_UP = 10;
  private static final int ENGINES = 100;

  private final List<EngineServer> engines = new ArrayList<>();

  @AfterEach
  void killAll() {
    engines.forEach(EngineServer::kill);
  }

  @Test
  void hundredEngines_startFastStayLeanAndEachServesItsOwnSale() throws Exception {
    for (int i = 0; i < WARM_UP; i++) {
      EngineServer.start(EngineSettings.ephemeralLoopback()).kill();
    }
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
    long[] startNanos = new long[ENGINES];
    for (int i = 0; i < ENGINES; i++) {
      long t0 = System.nanoTime();
      engines.add(EngineServer.start(EngineSettings.ephemeralLoopback().withToken(Bearer.TOKEN)));
      startNanos[i] = System.nanoTime() - t0;
    }
    for (int i = 0; i < ENGINES; i++) {
      startSaleAndCheck(engines.get(i), "sale-" + i);
    }
    double threadsPerEngine = (ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore) / (double) ENGINES;
    long closeStart = System.nanoTime();
    engines.parallelStream().forEach(EngineServer::close);
    long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closeStart);

    Arrays.sort(startNanos);
    long p50 = TimeUnit.NANOSECONDS.toMillis(startNanos[ENGINES / 2]);
    long p95 = TimeUnit.NANOSECONDS.toMillis(startNanos[ENGINES * 95 / 100]);
    System.out.printf("engine density: start p50=%d ms p95=%d ms, %.1f threads/engine, close all=%d ms%n",
        p50, p95, threadsPerEngine, closeMillis);
    assertThat(p50).isLessThan(100);
    assertThat(threadsPerEngine).isLessThan(8);
    assertThat(engines).noneMatch(EngineServer::isAlive);
  }

  private static void startSaleAndCheck(EngineServer engine, String saleId) throws InterruptedException {
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", engine.grpcPort()).usePlaintext().build();
    try {
      SaleEngineGrpc.SaleEngineBlockingStub sales = Bearer.presenting(SaleEngineGrpc.newBlockingStub(channel))
          .withDeadlineAfter(5, TimeUnit.SECONDS);
      sales.startSale(StartSaleRequest.newBuilder().setSaleId(saleId).setGeneration(1).build());
      assertThat(sales.getSale(GetSaleRequest.getDefaultInstance()))
          .satisfies(status -> assertThat(status.getSaleId()).isEqualTo(saleId))
          .satisfies(status -> assertThat(status.getState()).isEqualTo(SaleState.SALE_STATE_RUNNING));
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
