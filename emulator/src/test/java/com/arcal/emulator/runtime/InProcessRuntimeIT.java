package com.arcal.emulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.emulator.runtime.ReplicaStatus.State;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-process mode: real engines inside this JVM, each on its app's loopback address. */
class InProcessRuntimeIT {

  private static final Duration PROBE = Duration.ofMillis(200);

  @TempDir
  Path dataDir;

  private ContainerRuntime runtime;

  @AfterEach
  void closeRuntime() {
    if (runtime != null) {
      runtime.close();
    }
  }

  private ContainerRuntime runtime(Duration backoffBase) {
    runtime = ContainerRuntimes.create(new RuntimeSettings(RuntimeSettings.Mode.IN_PROCESS, dataDir, Map.of(),
        Duration.ofSeconds(5), backoffBase, backoffBase.multipliedBy(4), Duration.ofMillis(50),
        Duration.ofSeconds(60)));
    return runtime;
  }

  private static ContainerSpec spec(String app, String revision, String host) {
    return new ContainerSpec(app, app + "--" + revision, ContainerRuntimes.ENGINE_IMAGE, host, Map.of(),
        List.of(3000, 50051));
  }

  private State state(String app) {
    return runtime.replica(app).map(ReplicaStatus::state).orElse(null);
  }

  private static boolean serves(String host) {
    return PortProbe.accepts(host, 3000, PROBE) && PortProbe.accepts(host, 50051, PROBE);
  }

  @Test
  void ensureRunning_servesOnTheAppsAddress() {
    runtime(Duration.ofMillis(100)).ensureRunning(spec("inproc", "r1", "127.1.251.1"));

    await().until(() -> state("inproc") == State.RUNNING);
    assertThat(serves("127.1.251.1")).isTrue();
  }

  @Test
  void crash_waits_thenRestarts_withCount() {
    runtime(Duration.ofSeconds(1)).ensureRunning(spec("inproc", "r1", "127.1.251.2"));
    await().until(() -> state("inproc") == State.RUNNING);

    runtime.crash("inproc");

    await().pollInterval(Duration.ofMillis(10)).until(() -> state("inproc") == State.WAITING);
    assertThat(PortProbe.accepts("127.1.251.2", 50051, PROBE)).isFalse();
    await().until(() -> state("inproc") == State.RUNNING);
    assertThat(runtime.replica("inproc").orElseThrow())
        .extracting(ReplicaStatus::restartCount, ReplicaStatus::lastExitReason)
        .containsExactly(1, "Engine killed");
    assertThat(serves("127.1.251.2")).isTrue();
  }

  @Test
  void restart_and_newRevision_keepServing() {
    runtime(Duration.ofMillis(100)).ensureRunning(spec("inproc", "r1", "127.1.251.3"));
    await().until(() -> state("inproc") == State.RUNNING);

    runtime.restart("inproc");
    await().until(() -> runtime.replica("inproc").orElseThrow().restartCount() == 1
        && state("inproc") == State.RUNNING);
    runtime.ensureRunning(spec("inproc", "r2", "127.1.251.3"));

    await().until(() -> state("inproc") == State.RUNNING
        && runtime.replica("inproc").orElseThrow().revisionName().equals("inproc--r2"));
    assertThat(serves("127.1.251.3")).isTrue();
  }

  @Test
  void remove_and_retainOnly_stopTheEngines() {
    runtime(Duration.ofMillis(100));
    runtime.ensureRunning(spec("gone", "r1", "127.1.251.4"));
    runtime.ensureRunning(spec("dropped", "r1", "127.1.251.5"));
    runtime.ensureRunning(spec("kept", "r1", "127.1.251.6"));
    await().until(() -> Set.of("gone", "dropped", "kept").stream().allMatch(app -> state(app) == State.RUNNING));

    runtime.remove("gone");
    runtime.retainOnly(Set.of("kept"));

    assertThat(runtime.replica("gone")).isEmpty();
    assertThat(runtime.replica("dropped")).isEmpty();
    assertThat(PortProbe.accepts("127.1.251.4", 3000, PROBE)).isFalse();
    assertThat(PortProbe.accepts("127.1.251.5", 3000, PROBE)).isFalse();
    assertThat(serves("127.1.251.6")).isTrue();
  }

  @Test
  void twoHundredApps_startAndStopQuickly() {
    runtime(Duration.ofMillis(100));
    List<String> hosts = IntStream.rangeClosed(1, 200).mapToObj(i -> "127.1.252." + i).toList();
    long begin = System.nanoTime();

    IntStream.range(0, hosts.size()).forEach(i -> runtime.ensureRunning(spec("bulk" + i, "r1", hosts.get(i))));
    await().atMost(Duration.ofMinutes(2))
        .until(() -> IntStream.range(0, hosts.size()).allMatch(i -> state("bulk" + i) == State.RUNNING));
    long started = System.nanoTime();
    int threads = Thread.activeCount();
    runtime.close();
    long stopped = System.nanoTime();
    runtime = null;

    System.out.printf("in-process: 200 apps RUNNING in %d ms, closed in %d ms, %d live threads while running%n",
        (started - begin) / 1_000_000, (stopped - started) / 1_000_000, threads);
    assertThat(hosts).noneMatch(host -> PortProbe.accepts(host, 3000, PROBE));
  }
}
