package com.arcal.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.AzureContainerApps;
import com.arcal.emulator.runtime.ReplicaStatus;
import com.arcal.emulator.stats.RequestStats;
import com.arcal.reliability.harness.Figures;
import com.arcal.reliability.harness.LocalFleet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario "Default change": 50 Running sales whose specs name no image, cpu or memory; the
 * orchestrator restarts with a new default cpu and image. Defaults are pinned at creation, so no
 * engine restarts and no ARM write touches an existing sale; a sale created afterwards gets the
 * new defaults.
 */
class DefaultChangeIT {
  private static final int SALES = 50;
  private static final Set<String> WRITES = Set.of("PUT", "PATCH", "DELETE");

  @TempDir Path dir;

  @Test
  void restartWithNewDefaultCpuAndImage_restartsNoEngine_andWritesNothing() {
    try (LocalFleet fleet = LocalFleet.in(dir).start()) {
      List<String> sales = IntStream.range(0, SALES).mapToObj(i -> "dc-" + i).toList();
      sales.forEach(s -> assertThat(fleet.api.post("/sales/spawn", "{\"saleId\":\"" + s + "\"}").status())
          .isEqualTo(202));
      await().atMost(Duration.ofSeconds(180)).until(() -> sales.stream().allMatch(fleet::running));
      Map<String, String> replicasBefore = replicas(fleet, sales);
      long writesBefore = writes(fleet.emulator.stats());
      long postsBefore = posts(fleet.emulator.stats());

      long restartedAt = System.nanoTime();
      fleet.restartOrchestrator(Map.of("ARCAL_ENGINE_CPU", "0.75", "ARCAL_ENGINE_IMAGE", "arcal/engine:v2"));
      await().atMost(Duration.ofSeconds(60)).until(() -> sales.stream().allMatch(fleet::running));
      long runningAgainMs = (System.nanoTime() - restartedAt) / 1_000_000;
      // Two resyncs (ARCAL_RESYNC_SECONDS=5): every sale looked at again, still nothing written.
      await().during(Duration.ofSeconds(11)).atMost(Duration.ofSeconds(15))
          .until(() -> writes(fleet.emulator.stats()) == writesBefore);
      long listSecrets = posts(fleet.emulator.stats()) - postsBefore;
      Map<String, String> replicasAfter = replicas(fleet, sales);
      long restarted = sales.stream().filter(s -> !replicasBefore.get(s).equals(replicasAfter.get(s))).count();
      assertThat(restarted).as("engines restarted").isZero();
      AzureContainerApps cloud = new AzureContainerApps(fleet.sdk(), fleet.target);
      AppObservation old = cloud.get("sale-dc-0").orElseThrow();
      assertThat(old.image()).isEqualTo("arcal/engine:local");
      assertThat(old.cpu()).isEqualTo("0.5");

      assertThat(fleet.api.post("/sales/spawn", "{\"saleId\":\"dc-new\"}").status()).isEqualTo(202);
      await().atMost(Duration.ofSeconds(60)).until(() -> fleet.running("dc-new"));
      AppObservation fresh = cloud.get("sale-dc-new").orElseThrow();
      assertThat(fresh.image()).isEqualTo("arcal/engine:v2");
      assertThat(fresh.cpu()).isEqualTo("0.75");
      assertThat(sales.stream().filter(s -> !replicasBefore.get(s).equals(replicas(fleet, sales).get(s))))
          .as("the new sale's creation restarted no other engine").isEmpty();

      new Figures("default-change")
          .put("Running sales when the defaults changed", SALES)
          .put("engines restarted", restarted)
          .put("ARM writes (PUT/PATCH/DELETE) for existing sales", writes(fleet.emulator.stats()) - writesBefore - 1)
          .put("listSecrets (POST, reads the engine tokens back after the restart)", listSecrets)
          .put("restart to 50 Running again", runningAgainMs + " ms")
          .put("new sale", "image " + fresh.image() + ", cpu " + fresh.cpu())
          .publish();
    }
  }

  /** Each app's replica (name and restart count): a restarted engine changes it. */
  private static Map<String, String> replicas(LocalFleet fleet, List<String> sales) {
    Map<String, String> out = new TreeMap<>();
    for (String s : sales) {
      Optional<ReplicaStatus> r = fleet.emulator.runtime().replica("sale-" + s);
      out.put(s, r.map(x -> x.name() + "#" + x.restartCount()).orElse("none"));
    }
    return out;
  }

  private static long writes(RequestStats stats) {
    return stats.count(k -> WRITES.contains(k.method()));
  }

  private static long posts(RequestStats stats) {
    return stats.count(k -> k.method().equals("POST"));
  }
}
