package com.arcal.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.controller.fake.MutableClock;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A health watch against an engine side whose watch streams end when the test says. */
class HealthWatchTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final HealthCheckResponse SERVING =
      HealthCheckResponse.newBuilder().setStatus(ServingStatus.SERVING).build();

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
  private final List<Boolean> seen = new CopyOnWriteArrayList<>();
  /** The watch streams the engine side was asked for, oldest first. */
  private final List<StreamObserver<HealthCheckResponse>> streams = new CopyOnWriteArrayList<>();
  private Server server;
  private ManagedChannel channel;

  @BeforeEach
  void startEngineSide() throws Exception {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).addService(new HealthGrpc.HealthImplBase() {
      @Override
      public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> response) {
        response.onNext(SERVING);
        response.onCompleted();
      }

      @Override
      public void watch(HealthCheckRequest request, StreamObserver<HealthCheckResponse> response) {
        streams.add(response);
        response.onNext(SERVING);
      }
    }).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private HealthWatch watch() {
    HealthWatch watch = new HealthWatch(channel, seen::add, clock).open();
    await().atMost(WAIT).until(() -> streams.size() == 1 && seen.size() == 1);
    return watch;
  }

  /** Ends the newest stream with status OK, as a proxy or a draining server does. */
  private void endNewestCleanly() {
    streams.get(streams.size() - 1).onCompleted();
  }

  /** A unary round trip on the same channel: callbacks queued before it have run after it. */
  private void roundTrip() {
    HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
        .check(HealthCheckRequest.getDefaultInstance());
  }

  @Test
  void streamsEndedCleanly_areReopened_andNothingBadIsReported() {
    try (HealthWatch watch = watch()) {
      for (int reopened = 1; reopened <= 3; reopened++) {
        endNewestCleanly();
        int streamsNow = reopened + 1;
        await().atMost(WAIT).until(() -> streams.size() == streamsNow && seen.size() == streamsNow);
        clock.advance(HealthWatch.MIN_REOPEN_INTERVAL);
      }

      assertThat(seen).containsOnly(true);
    }
  }

  @Test
  void aSecondCleanEndRightAfterAReopen_isReported_ratherThanReopenedInALoop() {
    try (HealthWatch watch = watch()) {
      endNewestCleanly();
      await().atMost(WAIT).until(() -> streams.size() == 2 && seen.size() == 2);

      endNewestCleanly();

      await().atMost(WAIT).until(() -> seen.contains(false));
      roundTrip();
      assertThat(streams).hasSize(2);
      assertThat(seen).containsExactly(true, true, false);
    }
  }

  @Test
  void aStreamThatBreaks_isReported_notReopened() {
    try (HealthWatch watch = watch()) {
      streams.get(0).onError(Status.UNAVAILABLE.withDescription("connection reset").asRuntimeException());

      await().atMost(WAIT).until(() -> seen.contains(false));
      roundTrip();
      assertThat(streams).hasSize(1);
    }
  }

  @Test
  void aClosedWatch_isNeitherReportedNorReopened() {
    HealthWatch watch = watch();

    watch.close();
    roundTrip();

    assertThat(seen).containsExactly(true);
    assertThat(streams).hasSize(1);
  }
}
