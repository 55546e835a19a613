package com.arcal.emulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.emulator.TestClock;
import com.arcal.emulator.runtime.ProbeSpec.Kind;
import com.arcal.emulator.runtime.ReplicaStatus.State;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The supervisor runs each container's probes as the kubelet does, on fake containers and answers. */
class ProbingTest {

  private static final Duration PERIOD = Duration.ofMillis(100);

  private final FakeContainerFactory factory = new FakeContainerFactory();
  private final ScriptedProbes probes = new ScriptedProbes();
  private Supervisor supervisor;

  @AfterEach
  void closeSupervisor() {
    if (supervisor != null) {
      supervisor.close();
    }
  }

  /** A supervisor whose own stop grace is long, so a probe's shorter grace shows. */
  private Supervisor supervisor() {
    RuntimeSettings settings = new RuntimeSettings(RuntimeSettings.Mode.IN_PROCESS, Path.of("unused"),
        Map.of(), Duration.ofMinutes(5), Duration.ofMillis(20), Duration.ofMillis(20), Duration.ofMillis(10),
        Duration.ofSeconds(30));
    supervisor = new Supervisor(factory, ReplicaObserver.NONE, settings,
        new TestClock(Instant.parse("2026-01-01T00:00:00Z")), new Random(7), probes);
    return supervisor;
  }

  private static ProbeSpec probe(Kind kind, Duration initialDelay, int successThreshold, int failureThreshold) {
    return new ProbeSpec(kind, new ProbeSpec.HttpGet(false, Optional.empty(), 3000, "/healthz", List.of()),
        initialDelay, PERIOD, Duration.ofMillis(50), successThreshold, failureThreshold,
        Optional.of(Duration.ofMillis(50)));
  }

  private static ProbeSpec probe(Kind kind, int failureThreshold) {
    return probe(kind, Duration.ZERO, 1, failureThreshold);
  }

  private static ContainerSpec spec(ProbeSpec... probes) {
    return new ContainerSpec("shop", "shop--rev0001", "img", "127.0.0.1", Map.of(), List.of(3000), List.of(probes));
  }

  private ReplicaStatus replica() {
    return supervisor.replica("shop").orElseThrow();
  }

  @Test
  void liveness_failingFailureThresholdTimes_restartsTheContainer_andCountsIt() {
    supervisor().ensureRunning(spec(probe(Kind.LIVENESS, 3)));
    await().until(() -> replica().state() == State.RUNNING);
    String replicaName = replica().name();

    probes.failNext(Kind.LIVENESS, 3, "HTTP probe failed with statuscode: 503");

    await().until(() -> factory.started.size() == 2 && replica().state() == State.RUNNING);
    assertThat(factory.started.get(0).terminated).isTrue();
    assertThat(replica().restartCount()).isEqualTo(1);
    assertThat(replica().name()).isEqualTo(replicaName);
    assertThat(replica().lastExitReason())
        .isEqualTo("Liveness probe failed: HTTP probe failed with statuscode: 503");
  }

  @Test
  void liveness_failingFewerTimesThanTheThreshold_restartsNothing() {
    supervisor().ensureRunning(spec(probe(Kind.LIVENESS, 3)));
    await().until(() -> replica().state() == State.RUNNING);
    long before = probes.count(Kind.LIVENESS);

    probes.failNext(Kind.LIVENESS, 2, "timeout");
    await().until(() -> probes.count(Kind.LIVENESS) >= before + 3);
    probes.failNext(Kind.LIVENESS, 2, "timeout");
    await().until(() -> probes.count(Kind.LIVENESS) >= before + 7);

    // Twice two failures, a pass between them resetting the count: never three in a row.
    assertThat(factory.started).hasSize(1);
    assertThat(replica().restartCount()).isZero();
  }

  @Test
  void liveness_onAContainerThatIgnoresTerminate_killsItAfterTheProbesGrace() {
    factory.ignoreTerminate.set(true);
    supervisor().ensureRunning(spec(probe(Kind.LIVENESS, 1)));
    await().until(() -> replica().state() == State.RUNNING);

    probes.fail(Kind.LIVENESS, "no answer");

    // The supervisor's own grace is five minutes: only the probe's 50 ms makes this happen.
    await().atMost(Duration.ofSeconds(10)).until(() -> factory.started.get(0).killed.get());
  }

  @Test
  void startup_holdsTheOtherProbes_untilItPasses() {
    probes.fail(Kind.STARTUP, "connection refused");
    supervisor().ensureRunning(spec(probe(Kind.STARTUP, 10), probe(Kind.LIVENESS, 1), probe(Kind.READINESS, 1)));
    await().until(() -> probes.count(Kind.STARTUP) >= 3);

    assertThat(replica().state()).isEqualTo(State.STARTING);
    assertThat(probes.count(Kind.LIVENESS) + probes.count(Kind.READINESS)).isZero();
    probes.pass(Kind.STARTUP);

    await().until(() -> replica().state() == State.RUNNING && replica().ready());
    assertThat(probes.count(Kind.LIVENESS)).isPositive();
  }

  @Test
  void startup_failingFailureThresholdTimes_restartsTheContainer() {
    probes.fail(Kind.STARTUP, "connection refused");
    supervisor().ensureRunning(spec(probe(Kind.STARTUP, 2)));

    await().until(() -> factory.started.size() == 2);

    assertThat(replica().restartCount()).isPositive();
    assertThat(replica().lastExitReason()).isEqualTo("Startup probe failed: connection refused");
  }

  @Test
  void readiness_decidesReady_withoutEverRestarting() {
    probes.fail(Kind.READINESS, "HTTP probe failed with statuscode: 503");
    supervisor().ensureRunning(spec(probe(Kind.READINESS, Duration.ZERO, 2, 2)));
    await().until(() -> probes.count(Kind.READINESS) >= 3);
    assertThat(replica().state()).as("never ready yet").isEqualTo(State.STARTING);

    probes.pass(Kind.READINESS);
    await().until(() -> replica().ready());
    assertThat(replica().state()).isEqualTo(State.RUNNING);

    probes.fail(Kind.READINESS, "HTTP probe failed with statuscode: 503");
    await().until(() -> !replica().ready());
    assertThat(replica().state()).isEqualTo(State.RUNNING);
    probes.pass(Kind.READINESS);
    await().until(() -> replica().ready());
    assertThat(factory.started).hasSize(1);
    assertThat(replica().restartCount()).isZero();
  }

  @Test
  void withoutProbes_theContainerIsReady_onceItsPortsAccept() {
    factory.readyAtOnce.set(false);
    supervisor().ensureRunning(spec());
    await().until(() -> factory.started.size() == 1);
    assertThat(replica().state()).isEqualTo(State.STARTING);

    factory.last().ready.set(true);

    await().until(() -> replica().state() == State.RUNNING && replica().ready());
    assertThat(probes.attempts).isEmpty();
  }

  @Test
  void attempts_keepTheDeclaredDelayAndPeriod() {
    Duration initialDelay = Duration.ofMillis(300);
    long started = System.nanoTime();
    supervisor().ensureRunning(spec(probe(Kind.STARTUP, initialDelay, 1, 10), probe(Kind.LIVENESS, 3)));

    await().until(() -> probes.count(Kind.LIVENESS) >= 4);

    assertThat(probes.times(Kind.STARTUP).get(0) - started).isGreaterThanOrEqualTo(initialDelay.toNanos());
    List<Long> liveness = probes.times(Kind.LIVENESS);
    for (int i = 1; i < liveness.size(); i++) {
      // Never sooner than the period (scheduling may only make them later).
      assertThat(liveness.get(i) - liveness.get(i - 1)).isGreaterThanOrEqualTo(PERIOD.toNanos() - 2_000_000);
    }
  }

  @Test
  void aStoppedContainer_isProbedNoMore() {
    supervisor().ensureRunning(spec(probe(Kind.LIVENESS, 3)));
    await().until(() -> probes.count(Kind.LIVENESS) >= 2);

    supervisor.removeAll(List.of("shop"));
    long after = probes.count(Kind.LIVENESS);
    // One attempt may have been in flight; then the restart of a fresh probe would show.
    supervisor.ensureRunning(new ContainerSpec("other", "other--r", "img", "127.0.0.1", Map.of(), List.of(3000),
        List.of(probe(Kind.READINESS, 1))));
    await().until(() -> probes.count(Kind.READINESS) >= 3);

    assertThat(probes.count(Kind.LIVENESS)).isLessThanOrEqualTo(after + 1);
  }
}
