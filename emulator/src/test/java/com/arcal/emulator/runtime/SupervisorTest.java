package com.arcal.emulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.arcal.emulator.TestClock;
import com.arcal.emulator.runtime.ReplicaStatus.State;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SupervisorTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final FakeContainerFactory factory = new FakeContainerFactory();
  private final TestClock clock = new TestClock(T0);
  private Supervisor supervisor;

  @AfterEach
  void closeSupervisor() {
    if (supervisor != null) {
      supervisor.close();
    }
  }

  private Supervisor supervisor(Duration backoffBase, Duration backoffMax) {
    RuntimeSettings settings = new RuntimeSettings(RuntimeSettings.Mode.IN_PROCESS, Path.of("unused"),
        Map.of(), Duration.ofMillis(300), backoffBase, backoffMax, Duration.ofMillis(10),
        Duration.ofSeconds(30));
    supervisor = new Supervisor(factory, ReplicaObserver.NONE, settings, clock, new Random(7));
    return supervisor;
  }

  private Supervisor supervisor() {
    return supervisor(Duration.ofMillis(20), Duration.ofMillis(20));
  }

  private static ContainerSpec spec(String app, String revision) {
    return new ContainerSpec(app, revision, "img", "127.0.0.1", Map.of("A", "1"), List.of(3000, 50051));
  }

  private State state(String app) {
    return supervisor.replica(app).orElseThrow().state();
  }

  @Test
  void ensureRunning_reportsStartingUntilReady_thenRunning() {
    factory.readyAtOnce.set(false);
    supervisor().ensureRunning(spec("shop", "shop--rev0001"));

    await().until(() -> factory.started.size() == 1);
    assertThat(state("shop")).isEqualTo(State.STARTING);
    factory.last().ready.set(true);

    await().until(() -> state("shop") == State.RUNNING);
    ReplicaStatus status = supervisor.replica("shop").orElseThrow();
    assertThat(status.name()).matches("shop--rev0001-[a-z0-9]{10}-[a-z0-9]{5}");
    assertThat(status.revisionName()).isEqualTo("shop--rev0001");
    assertThat(status.createdAt()).isEqualTo(T0);
    assertThat(status.restartCount()).isZero();
    assertThat(status.lastExitReason()).isNull();
  }

  @Test
  void ensureRunning_sameSpecAgain_keepsTheInstance() {
    supervisor().ensureRunning(spec("shop", "shop--rev0001"));
    await().until(() -> state("shop") == State.RUNNING);

    supervisor.ensureRunning(spec("shop", "shop--rev0001"));

    assertThat(factory.started).hasSize(1);
    assertThat(factory.last().terminated).isFalse();
  }

  @Test
  void crash_reportsWaitingWithCountAndReason_duringBackoff() {
    supervisor(Duration.ofHours(1), Duration.ofHours(1)).ensureRunning(spec("shop", "shop--rev0001"));
    await().until(() -> state("shop") == State.RUNNING);

    factory.last().die("Exit code 137 (killed by signal 9)");

    await().until(() -> state("shop") == State.WAITING);
    ReplicaStatus status = supervisor.replica("shop").orElseThrow();
    assertThat(status.restartCount()).isEqualTo(1);
    assertThat(status.lastExitReason()).isEqualTo("Exit code 137 (killed by signal 9)");
    assertThat(factory.started).hasSize(1);
  }

  @Test
  void crash_restartsAfterBackoff_keepingTheReplica() {
    supervisor().ensureRunning(spec("shop", "shop--rev0001"));
    await().until(() -> state("shop") == State.RUNNING);
    String name = supervisor.replica("shop").orElseThrow().name();

    supervisor.crash("shop");

    await().until(() -> factory.started.size() == 2 && state("shop") == State.RUNNING);
    assertThat(factory.started.get(0).killed).isTrue();
    ReplicaStatus status = supervisor.replica("shop").orElseThrow();
    assertThat(status.restartCount()).isEqualTo(1);
    assertThat(status.name()).isEqualTo(name);
    assertThat(status.lastExitReason()).isEqualTo("Killed");
  }

  @Test
  void backoff_startsOver_afterReplicaRanLongEnough() {
    supervisor(Duration.ofMillis(50), Duration.ofMinutes(1)).ensureRunning(spec("shop", "shop--rev0001"));
    for (int crash = 1; crash <= 5; crash++) {
      int started = crash;
      await().until(() -> factory.started.size() == started && state("shop") == State.RUNNING);
      supervisor.crash("shop");
    }
    // Five quick crashes: the next delay would be 50 ms * 2^5 = 1.6 s without the reset.
    await().until(() -> factory.started.size() == 6 && state("shop") == State.RUNNING);
    clock.advance(Duration.ofSeconds(31));

    supervisor.crash("shop");

    await().atMost(Duration.ofMillis(1000)).until(() -> factory.started.size() == 7);
  }

  @Test
  void newRevision_replacesTheInstance_withANewReplica() {
    supervisor().ensureRunning(spec("shop", "shop--rev0001"));
    await().until(() -> state("shop") == State.RUNNING);
    supervisor.crash("shop");
    await().until(() -> factory.started.size() == 2 && state("shop") == State.RUNNING);
    String oldName = supervisor.replica("shop").orElseThrow().name();

    supervisor.ensureRunning(spec("shop", "shop--rev0002"));

    await().until(() -> factory.started.size() == 3 && state("shop") == State.RUNNING);
    assertThat(factory.started.get(1).terminated).isTrue();
    assertThat(factory.alive()).containsExactly(factory.last());
    assertThat(factory.last().spec.revisionName()).isEqualTo("shop--rev0002");
    ReplicaStatus status = supervisor.replica("shop").orElseThrow();
    assertThat(status.name()).startsWith("shop--rev0002-").isNotEqualTo(oldName);
    assertThat(status.restartCount()).isZero();
    assertThat(status.lastExitReason()).isNull();
  }

  @Test
  void newRevision_startsOnlyOnceTheOldInstanceIsDead() {
    factory.ignoreTerminate.set(true);
    supervisor().ensureRunning(spec("shop", "shop--rev0001"));
    await().until(() -> state("shop") == State.RUNNING);

    supervisor.ensureRunning(spec("shop", "shop--rev0002"));

    await().until(() -> factory.started.size() == 2);
    assertThat(factory.started.get(0).killed).as("killed after the grace period").isTrue();
  }

  @Test
  void remove_stopsTheInstance_andForgetsTheReplica() {
    supervisor().ensureRunning(spec("shop", "shop--rev0001"));
    await().until(() -> state("shop") == State.RUNNING);

    supervisor.removeAll(List.of("shop"));

    assertThat(factory.last().terminated).isTrue();
    assertThat(factory.last().isAlive()).isFalse();
    assertThat(factory.last().killed).isFalse();
    assertThat(supervisor.replica("shop")).isEmpty();
    supervisor.removeAll(List.of("shop"));
  }

  @Test
  void remove_killsAnInstanceThatIgnoresTerminate() {
    factory.ignoreTerminate.set(true);
    supervisor().ensureRunning(spec("shop", "shop--rev0001"));
    await().until(() -> state("shop") == State.RUNNING);

    supervisor.removeAll(List.of("shop"));

    assertThat(factory.last().killed).isTrue();
    assertThat(factory.last().isAlive()).isFalse();
  }

  @Test
  void restart_startsANewInstance_andCountsIt() {
    supervisor().ensureRunning(spec("shop", "shop--rev0001"));
    await().until(() -> state("shop") == State.RUNNING);

    supervisor.restart("shop");

    await().until(() -> factory.started.size() == 2 && state("shop") == State.RUNNING);
    assertThat(factory.started.get(0).terminated).isTrue();
    assertThat(supervisor.replica("shop").orElseThrow().restartCount()).isEqualTo(1);
    supervisor.restart("unknown");
  }

  @Test
  void failedStart_isReportedAsWaiting_andRetried() {
    factory.failStarts.set(true);
    supervisor().ensureRunning(spec("shop", "shop--rev0001"));

    await().until(() -> supervisor.replica("shop").orElseThrow().restartCount() >= 1);
    assertThat(supervisor.replica("shop").orElseThrow().lastExitReason())
        .isEqualTo("Failed to start: no such image");
    factory.failStarts.set(false);

    await().until(() -> state("shop") == State.RUNNING);
  }

  @Test
  void adopt_keepsTheEarlierReplica() {
    ContainerSpec spec = spec("shop", "shop--rev0001");
    FakeContainer adopted = new FakeContainer(spec, "shop--rev0001-abcdefghij-klmno", true);
    ReplicaIdentity identity = new ReplicaIdentity("shop--rev0001-abcdefghij-klmno", "shop--rev0001",
        T0.minusSeconds(60));

    supervisor().adopt(spec, adopted, identity, 3);
    supervisor.ensureRunning(spec);

    await().until(() -> state("shop") == State.RUNNING);
    assertThat(supervisor.replica("shop")).get()
        .extracting(ReplicaStatus::name, ReplicaStatus::restartCount, ReplicaStatus::createdAt)
        .containsExactly(identity.name(), 3, identity.createdAt());
    assertThat(factory.started).isEmpty();
  }

  @Test
  void close_stopsEveryInstance_andRefusesNewApps() {
    supervisor();
    IntStream.range(0, 10).forEach(i -> supervisor.ensureRunning(spec("app" + i, "app" + i + "--r")));
    await().until(() -> factory.started.size() == 10);

    supervisor.close();

    assertThat(factory.alive()).isEmpty();
    assertThatThrownBy(() -> supervisor.ensureRunning(spec("late", "late--r")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void thousandsOfApps_needNoThreadPerApp() {
    supervisor();
    int threadsBefore = Thread.activeCount();

    IntStream.range(0, 3000).forEach(i -> supervisor.ensureRunning(spec("app" + i, "app" + i + "--r")));

    await().until(() -> IntStream.range(0, 3000)
        .allMatch(i -> state("app" + i) == State.RUNNING));
    assertThat(Thread.activeCount() - threadsBefore).isLessThan(20);
  }
}
