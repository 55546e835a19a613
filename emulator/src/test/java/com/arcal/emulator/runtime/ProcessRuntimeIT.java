package com.arcal.emulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.emulator.runtime.ReplicaStatus.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Process mode with the real engine jar: each app on its own loopback address, real ports. */
class ProcessRuntimeIT {

  private static final Duration START = Duration.ofSeconds(30);

  @TempDir
  Path dataDir;

  private List<String> engine;
  private ContainerRuntime runtime;
  private final String app = TestEngine.uniqueApp("procit");

  @BeforeEach
  void engineJar() {
    engine = TestEngine.command();
  }

  @AfterEach
  void closeRuntime() {
    if (runtime != null) {
      runtime.close();
    }
    assertThat(TestEngine.carrying(app)).as("processes left after close").isEmpty();
  }

  private ContainerRuntime runtime(Duration backoffBase) {
    runtime = ContainerRuntimes.create(new RuntimeSettings(RuntimeSettings.Mode.PROCESS, dataDir,
        Map.of(ContainerRuntimes.ENGINE_IMAGE, engine), Duration.ofSeconds(5), backoffBase,
        backoffBase.multipliedBy(4), Duration.ofMillis(100), Duration.ofSeconds(60)));
    return runtime;
  }

  private ContainerSpec spec(String revision, String host) {
    return new ContainerSpec(app, app + "--" + revision, ContainerRuntimes.ENGINE_IMAGE, host,
        Map.of("ARCAL_TEST", "yes"), List.of(3000, 50051));
  }

  private State state() {
    return runtime.replica(app).map(ReplicaStatus::state).orElse(null);
  }

  @Test
  void ensureRunning_startsOneProcess_reachableOnTheAppsAddress() throws Exception {
    runtime(Duration.ofMillis(200));
    long begin = System.nanoTime();

    runtime.ensureRunning(spec("r1", "127.1.250.1"));

    await().atMost(START).pollInterval(Duration.ofMillis(20)).until(() -> state() == State.RUNNING);
    System.out.printf("process start to RUNNING: %d ms%n", (System.nanoTime() - begin) / 1_000_000);
    assertThat(PortProbe.accepts("127.1.250.1", 3000, Duration.ofSeconds(1))).isTrue();
    assertThat(PortProbe.accepts("127.1.250.1", 50051, Duration.ofSeconds(1))).isTrue();
    List<ProcessHandle> processes = TestEngine.carrying(app);
    assertThat(processes).hasSize(1);
    assertThat(processes.get(0).info().commandLine().orElseThrow())
        .contains("-Darcal.emulator.app=" + app)
        .contains("-Darcal.emulator.data=" + dataDir.toAbsolutePath().normalize())
        .contains("-jar");
    Path log = dataDir.resolve("runtime/logs/" + app + ".log");
    await().until(() -> Files.readString(log).contains("arcal-engine up"));
    assertThat(Files.readString(dataDir.resolve("runtime/replicas.json"))).contains(app);
  }

  @Test
  void killedProcess_waits_thenRestarts_withCount() {
    runtime(Duration.ofSeconds(1)).ensureRunning(spec("r1", "127.1.250.2"));
    await().atMost(START).until(() -> state() == State.RUNNING);
    long first = TestEngine.pidsCarrying(app).get(0);

    ProcessHandle.of(first).orElseThrow().destroyForcibly();

    await().pollInterval(Duration.ofMillis(20)).until(() -> state() == State.WAITING);
    assertThat(runtime.replica(app).orElseThrow().lastExitReason()).contains("137");
    await().atMost(START).until(() -> state() == State.RUNNING);
    assertThat(runtime.replica(app).orElseThrow().restartCount()).isEqualTo(1);
    assertThat(TestEngine.pidsCarrying(app)).hasSize(1).doesNotContain(first);
  }

  @Test
  void hungProcess_failsItsLivenessProbe_andIsRestartedByTheRuntime() throws Exception {
    ProbeSpec liveness = new ProbeSpec(ProbeSpec.Kind.LIVENESS,
        new ProbeSpec.HttpGet(false, Optional.empty(), 3000, "/healthz", List.of()),
        Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 2, Optional.of(Duration.ofSeconds(1)));
    ContainerSpec probed = new ContainerSpec(app, app + "--r1", ContainerRuntimes.ENGINE_IMAGE, "127.1.250.7",
        Map.of(), List.of(3000, 50051), List.of(liveness));
    runtime(Duration.ofMillis(200)).ensureRunning(probed);
    await().atMost(START).until(() -> state() == State.RUNNING);
    long hung = TestEngine.pidsCarrying(app).get(0);

    // SIGSTOP: the kernel still accepts connections on its ports, nothing answers.
    TestEngine.signal(hung, "STOP");

    await().atMost(START).until(() -> runtime.replica(app).orElseThrow().restartCount() == 1
        && state() == State.RUNNING);
    assertThat(runtime.replica(app).orElseThrow().lastExitReason()).startsWith("Liveness probe failed: ");
    assertThat(TestEngine.pidsCarrying(app)).hasSize(1).doesNotContain(hung);
    assertThat(ProcessHandle.of(hung)).as("the stopped process was killed").isEmpty();
  }

  @Test
  void crash_isRestarted_andReachableAgain() {
    runtime(Duration.ofMillis(200)).ensureRunning(spec("r1", "127.1.250.3"));
    await().atMost(START).until(() -> state() == State.RUNNING);

    runtime.crash(app);

    await().atMost(START).until(() -> runtime.replica(app).orElseThrow().restartCount() == 1
        && state() == State.RUNNING);
    assertThat(PortProbe.accepts("127.1.250.3", 50051, Duration.ofSeconds(1))).isTrue();
    assertThat(TestEngine.carrying(app)).hasSize(1);
  }

  @Test
  void newRevision_replacesTheProcess() {
    runtime(Duration.ofMillis(200)).ensureRunning(spec("r1", "127.1.250.4"));
    await().atMost(START).until(() -> state() == State.RUNNING);
    long first = TestEngine.pidsCarrying(app).get(0);

    runtime.ensureRunning(spec("r2", "127.1.250.4"));

    await().atMost(START).until(() -> state() == State.RUNNING
        && runtime.replica(app).orElseThrow().revisionName().equals(app + "--r2"));
    assertThat(TestEngine.pidsCarrying(app)).hasSize(1).doesNotContain(first);
    assertThat(runtime.replica(app).orElseThrow().restartCount()).isZero();
  }

  @Test
  void remove_stopsTheProcess() {
    runtime(Duration.ofMillis(200)).ensureRunning(spec("r1", "127.1.250.5"));
    await().atMost(START).until(() -> state() == State.RUNNING);

    runtime.remove(app);

    assertThat(TestEngine.carrying(app)).isEmpty();
    assertThat(runtime.replica(app)).isEmpty();
    assertThat(PortProbe.accepts("127.1.250.5", 3000, Duration.ofMillis(500))).isFalse();
  }

  @Test
  void close_leavesNoProcess_evenOfAStartingApp() {
    runtime(Duration.ofMillis(200)).ensureRunning(spec("r1", "127.1.250.6"));
    await().until(() -> TestEngine.carrying(app).size() == 1);

    runtime.close();
    runtime = null;

    assertThat(TestEngine.carrying(app)).isEmpty();
  }

  @Test
  void unmappedImage_isReportedOnTheReplica() {
    runtime(Duration.ofSeconds(5)).ensureRunning(new ContainerSpec(app, app + "--r1", "nginx:latest",
        "127.1.250.7", Map.of(), List.of(80)));

    await().until(() -> state() == State.WAITING);
    assertThat(runtime.replica(app).orElseThrow().lastExitReason())
        .isEqualTo("Failed to start: image nginx:latest is not mapped to a local command");
  }
}
