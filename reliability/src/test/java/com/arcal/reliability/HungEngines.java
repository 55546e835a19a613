package com.arcal.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.controller.status.HistoryAction;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.StatusBoard.StatusChange;
import com.arcal.emulator.runtime.ReplicaStatus;
import com.arcal.reliability.harness.EngineProcesses;
import com.arcal.reliability.harness.Figures;
import com.arcal.reliability.harness.LocalFleet;
import com.azure.resourcemanager.appcontainers.ContainerAppsApiManager;
import com.azure.resourcemanager.appcontainers.models.ReplicaContainer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Scenario 10, at any size: one engine among all hangs for good (SIGSTOP: its ports still accept
 * connections, so a TCP probe would pass, nothing answers). The platform's liveness probe ({@code GET /healthz},
 * declared on every engine app) fails, the platform kills and restarts the container, and the
 * controller only starts the sale again on the new engine: it restarts no revision and deletes no
 * app (it would restart the revision after 30 s of an unreachable engine). The other sales never
 * leave Running.
 */
final class HungEngines {
  /**
   * Sales spawned together. Each engine app's startup probe gives a JVM 52 s to start, sized for
   * Azure's 0.5 vCPU per replica; here twenty JVMs starting at once share two cores, and on a busy
   * machine none makes it (the platform then restarts them all, in a loop, as Azure would).
   */
  private static final int SPAWN_BATCH = 4;

  private HungEngines() {}

  static void run(Path dir, int salesCount, String figuresName) {
    try (LocalFleet fleet = LocalFleet.in(dir).processes().start()) {
      EngineProcesses engines = new EngineProcesses(fleet.emulatorData);
      Optional<ProcessHandle> hung = Optional.empty();
      try {
        List<String> sales = IntStream.range(0, salesCount).mapToObj(i -> "hang-" + i).toList();
        for (int from = 0; from < salesCount; from += SPAWN_BATCH) {
          List<String> batch = sales.subList(from, Math.min(salesCount, from + SPAWN_BATCH));
          batch.forEach(s -> assertThat(fleet.api.post("/sales/spawn", "{\"saleId\":\"" + s + "\"}").status()).isEqualTo(202));
          await().atMost(Duration.ofSeconds(120)).until(() -> batch.stream().allMatch(fleet::running));
        }
        // On Azure a sale is Running only once its replica is ready (traffic by app name reaches
        // ready replicas only, and readiness waits for the startup probe); the emulator does not
        // gate traffic, so wait for it: liveness probes run from then on.
        await().atMost(Duration.ofSeconds(120)).until(() -> sales.stream().allMatch(s ->
            fleet.emulator.runtime().replica("sale-" + s).map(ReplicaStatus::ready).orElse(false)));
        String victim = sales.get(new SplittableRandom(10).nextInt(salesCount));
        String app = "sale-" + victim;
        Set<String> disturbed = ConcurrentHashMap.newKeySet();
        AtomicLong victimLeftRunning = new AtomicLong();
        Consumer<StatusChange> watcher = c -> {
          boolean running = c.after().map(s -> s.phase() == Phase.RUNNING).orElse(false);
          if (!running && c.saleId().value().equals(victim)) {
            victimLeftRunning.compareAndSet(0, System.nanoTime());
          } else if (!running) {
            disturbed.add(c.saleId().value());
          }
        };
        fleet.orchestrator.backend().board().subscribe(watcher);
        fleet.emulator.stats().reset();

        hung = engines.of(app);
        long hungPid = hung.orElseThrow().pid();
        EngineProcesses.signal(hung.get(), "STOP");
        long stoppedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
            .until(() -> engines.of(app).map(p -> p.pid() != hungPid).orElse(false));
        long replacedMs = (System.nanoTime() - stoppedAt) / 1_000_000;
        await().atMost(Duration.ofSeconds(60)).until(() -> victimLeftRunning.get() != 0 && fleet.running(victim));
        long runningMs = (System.nanoTime() - stoppedAt) / 1_000_000;
        fleet.orchestrator.backend().board().unsubscribe(watcher);

        assertThat(ProcessHandle.of(hungPid)).as("the hung process was killed").isEmpty();
        ReplicaContainer container = replica(fleet.sdk(), app);
        assertThat(container.restartCount()).isEqualTo(1);
        assertThat(container.runningStateDetails()).startsWith("Liveness probe failed: ");
        long revisionRestarts = fleet.emulator.stats().count(k -> k.route().equals("revisionRestart"));
        long deletions = fleet.emulator.stats().count(k -> k.method().equals("DELETE"));
        assertThat(revisionRestarts).as("revision restarts by the controller").isZero();
        assertThat(deletions).as("apps deleted by the controller").isZero();
        assertThat(disturbed).as("other sales that left Running").isEmpty();
        assertThat(fleet.status(victim).orElseThrow().history()).anyMatch(h -> h.action() == HistoryAction.HEALED);

        new Figures(figuresName)
            .put("sales (engine processes)", salesCount)
            .put("fault", "engine of " + victim + " stopped (SIGSTOP) for good")
            .put("hung engine replaced by the platform (liveness probe)", replacedMs + " ms after SIGSTOP")
            .put("sale back to Running (StartSale on the new engine)", runningMs + " ms after SIGSTOP")
            .put("replica restartCount / runningStateDetails", container.restartCount() + " / " + container.runningStateDetails())
            .put("revision restarts by the controller", revisionRestarts)
            .put("apps deleted by the controller", deletions)
            .put("other sales leaving Running", disturbed.size())
            .publish();
      } finally {
        hung.ifPresent(p -> p.destroyForcibly());
        engines.killAll();
      }
    }
  }

  private static ReplicaContainer replica(ContainerAppsApiManager sdk, String app) {
    String revision = sdk.containerApps().getByResourceGroup(LocalFleet.GROUP, app).latestRevisionName();
    return sdk.containerAppsRevisionReplicas().listReplicas(LocalFleet.GROUP, app, revision).value()
        .get(0).containers().get(0);
  }
}
