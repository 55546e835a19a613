package com.arcal.emulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.emulator.runtime.ReplicaStatus.State;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator's host JVM is SIGKILLed while its engines run; a new runtime on the same data folder
 * must end up with exactly one process per app it keeps, and none for the others.
 */
class HostDeathIT {

  private static final Duration START = Duration.ofSeconds(60);

  @TempDir
  Path dataDir;

  private List<String> engine;
  private ContainerRuntime successor;
  private final List<String> apps = new ArrayList<>();

  static RuntimeSettings settings(Path dataDir, List<String> engine) {
    return new RuntimeSettings(RuntimeSettings.Mode.PROCESS, dataDir,
        Map.of(ContainerRuntimes.ENGINE_IMAGE, engine), Duration.ofSeconds(5), Duration.ofMillis(200),
        Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(60));
  }

  static ContainerSpec spec(String app, String revision, String host) {
    return new ContainerSpec(app, app + "--" + revision, ContainerRuntimes.ENGINE_IMAGE, host, Map.of(),
        List.of(3000, 50051));
  }

  @BeforeEach
  void engineJar() {
    engine = TestEngine.command();
  }

  @AfterEach
  void cleanUp() {
    if (successor != null) {
      successor.close();
    }
    for (String app : apps) {
      List<ProcessHandle> left = TestEngine.carrying(app);
      left.forEach(ProcessHandle::destroyForcibly);
      assertThat(left).as("processes of %s left behind", app).isEmpty();
    }
  }

  private String app(String prefix) {
    String app = TestEngine.uniqueApp(prefix);
    apps.add(app);
    return app;
  }

  /**
   * Runs {@code app -> bindHost} at revision r1 in a separate host JVM, SIGKILLs that JVM once all
   * are running, and returns the engine process each app left behind.
   */
  private Map<String, Long> survivorsOfKilledHost(Map<String, String> hostByApp) throws Exception {
    List<String> command = new ArrayList<>(List.of(ContainerRuntimes.javaCommand(), "-cp",
        System.getProperty("java.class.path"), RuntimeHostMain.class.getName(), dataDir.toString()));
    hostByApp.forEach((app, host) -> command.add(app + ":r1:" + host));
    command.add("--");
    command.addAll(engine);
    Process host = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      CompletableFuture.runAsync(() -> awaitRunning(host)).get(START.toSeconds(), TimeUnit.SECONDS);
      host.destroyForcibly();
      assertThat(host.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      host.destroyForcibly();
    }
    Map<String, Long> survivors = new HashMap<>();
    hostByApp.keySet().forEach(app -> {
      assertThat(TestEngine.pidsCarrying(app)).as("%s's engine outlives its host", app).hasSize(1);
      survivors.put(app, TestEngine.pidsCarrying(app).get(0));
    });
    return survivors;
  }

  private static void awaitRunning(Process host) {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8))) {
      StringBuilder seen = new StringBuilder();
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.equals("RUNNING")) {
          return;
        }
        seen.append(line).append('\n');
      }
      throw new IllegalStateException("host ended before running its apps:\n" + seen);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ContainerRuntime successor() {
    successor = ContainerRuntimes.create(settings(dataDir, engine));
    return successor;
  }

  private ReplicaStatus replica(String app) {
    return successor.replica(app).orElseThrow();
  }

  private static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  @Test
  void recordedSurvivors_areAdopted_replaced_orStopped() throws Exception {
    String kept = app("kept");
    String updated = app("updated");
    String dropped = app("dropped");
    Map<String, Long> survivors = survivorsOfKilledHost(
        Map.of(kept, "127.1.250.21", updated, "127.1.250.22", dropped, "127.1.250.23"));

    successor().ensureRunning(spec(kept, "r1", "127.1.250.21"));
    successor.ensureRunning(spec(updated, "r2", "127.1.250.22"));
    successor.retainOnly(Set.of(kept, updated));

    assertThat(TestEngine.carrying(dropped)).as("an app no longer kept").isEmpty();
    await().atMost(START).until(() -> replica(kept).state() == State.RUNNING
        && replica(updated).state() == State.RUNNING && replica(updated).revisionName().equals(updated + "--r2"));
    assertThat(TestEngine.pidsCarrying(kept)).as("same revision: adopted").containsExactly(survivors.get(kept));
    assertThat(replica(kept).name()).startsWith(kept + "--r1-");
    assertThat(TestEngine.pidsCarrying(updated)).as("new revision: replaced")
        .hasSize(1).doesNotContain(survivors.get(updated));

    successor.crash(kept);

    await().atMost(START).until(() -> replica(kept).restartCount() == 1 && replica(kept).state() == State.RUNNING);
    assertThat(TestEngine.pidsCarrying(kept)).as("an adopted process that crashed is restarted")
        .hasSize(1).doesNotContain(survivors.get(kept));
    successor.retainOnly(Set.of());
    assertThat(TestEngine.carrying(kept)).isEmpty();
    assertThat(TestEngine.carrying(updated)).isEmpty();
  }

  @Test
  void unrecordedSurvivors_areStopped_beforeARestart_orByRetainOnly() throws Exception {
    String kept = app("kept");
    String dropped = app("dropped");
    Map<String, Long> survivors = survivorsOfKilledHost(Map.of(kept, "127.1.250.24", dropped, "127.1.250.25"));
    Files.delete(dataDir.resolve("runtime/replicas.json"));

    successor().ensureRunning(spec(kept, "r1", "127.1.250.24"));

    assertThat(isAlive(survivors.get(kept))).as("cannot be adopted without a record").isFalse();
    successor.retainOnly(Set.of(kept));
    assertThat(isAlive(survivors.get(dropped))).as("found by its marker").isFalse();
    await().atMost(START).until(() -> replica(kept).state() == State.RUNNING);
    assertThat(TestEngine.pidsCarrying(kept)).hasSize(1).doesNotContain(survivors.get(kept));
  }
}
