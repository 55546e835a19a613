package com.arcal.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.controller.azure.ArmClients;
import com.arcal.controller.azure.ArmConnection;
import com.arcal.controller.azure.AzureTarget;
import com.arcal.reliability.harness.Api;
import com.arcal.reliability.harness.Figures;
import com.arcal.reliability.harness.JavaProcess;
import com.arcal.reliability.harness.OrchestratorProcess;
import com.arcal.reliability.harness.StandaloneEmulator;
import com.azure.resourcemanager.appcontainers.ContainerAppsApiManager;
import com.arcal.emulator.lro.Operation;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 2 (-Preliability-long): the orchestrator jar, on the azure platform against the
 * standalone emulator jar, is killed with SIGKILL at a random point after each batch of creates,
 * updates and deletes (30 sales in all), at least 20 times. After each restart: every desired
 * sale Running at its generation, every deleted sale gone, no duplicate or orphan app, and no
 * long-running operation started twice for the same generation.
 */
class OrchestratorCrashLongIT {
  private static final int KILLS = 20;
  private static final int SALES = 30;
  private static final String TOKEN = "crash-arm-token";

  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS) Path dir;

  @Test
  void killedAtRandomPoints_theFleetConvergesWithoutDuplicatesOrLoss() throws Exception {
    SplittableRandom random = new SplittableRandom(2026);
    try (StandaloneEmulator cloud =
        new StandaloneEmulator(dir.resolve("emulator"), dir.resolve("emulator.log"), Duration.ofMillis(500))) {
      int port = OrchestratorProcess.freePort();
      Map<String, String> env = OrchestratorProcess.azureEnv(
          cloud.url, cloud.certificate, cloud.hostsFile, port, dir.resolve("desired-state.json"),
          TOKEN);
      Api api = new Api("http://127.0.0.1:" + port);
      ContainerAppsApiManager sdk = sdk(cloud);
      Map<String, Integer> generations = new TreeMap<>(); // desired sale -> generation
      Map<String, Integer> lifetimeGenerations = new HashMap<>();
      TreeSet<String> deleted = new TreeSet<>();
      int created = 0;
      List<Long> recoveries = new ArrayList<>();
      for (int kill = 0; kill <= KILLS; kill++) {
        try (JavaProcess orchestrator = OrchestratorProcess.start(List.of(),
            List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), env, dir, dir.resolve("orchestrator.log"))) {
          long startedAt = System.nanoTime();
          await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
              .until(() -> api.get("/healthz").status() == 200);
          if (kill > 0) {
            awaitConverged(api, sdk, generations, deleted, "after restart " + kill);
            recoveries.add((System.nanoTime() - startedAt) / 1_000_000);
            assertNoOperationTwice(cloud, lifetimeGenerations);
          }
          if (kill == KILLS) {
            break;
          }
          // A batch of changes, then SIGKILL at a random point of their reconciliation.
          int toCreate = kill == 0 ? 10 : Math.min(SALES - created, 1 + random.nextInt(2));
          for (int i = 0; i < toCreate; i++) {
            String sale = "crash-" + created++;
            assertThat(api.post("/sales/spawn", "{\"saleId\":\"" + sale + "\"}").status()).isEqualTo(202);
            generations.put(sale, 1);
            lifetimeGenerations.put(sale, 1);
          }
          List<String> alive = new ArrayList<>(generations.keySet());
          for (int i = 0; i < 2 && !alive.isEmpty(); i++) {
            String sale = alive.get(random.nextInt(alive.size()));
            assertThat(api.put("/sales/" + sale, "{\"config\":{\"round\":\"" + kill + "-" + i + "\"}}", null)
                .status()).isEqualTo(202);
            generations.merge(sale, 1, Integer::sum);
            lifetimeGenerations.merge(sale, 1, Integer::sum);
          }
          if (alive.size() > 5 && random.nextInt(10) < 4) {
            String sale = alive.get(random.nextInt(alive.size()));
            assertThat(api.delete("/sales/" + sale).status()).isIn(200, 202);
            generations.remove(sale);
            deleted.add(sale);
          }
          long pause = random.nextLong(0, 2500);
          await().pollDelay(Duration.ofMillis(pause)).atMost(Duration.ofMillis(pause + 1000)).until(() -> true);
          orchestrator.kill();
        }
      }
      assertThat(cloud.isAlive()).isTrue();
      new Figures("2-orchestrator-crashes-long")
          .put("orchestrator kills (SIGKILL)", KILLS)
          .put("sales created / deleted / desired at the end", created + " / " + deleted.size() + " / " + generations.size())
          .put("updates", lifetimeGenerations.values().stream().mapToInt(g -> g - 1).sum())
          .percentiles("restart to converged fleet", recoveries)
          .put("duplicate apps", 0)
          .put("orphan apps", 0)
          .put("sales lost", 0)
          .put("operations started twice for one generation", 0)
          .publish();
    }
  }

  private static void awaitConverged(Api api, ContainerAppsApiManager sdk, Map<String, Integer> generations,
      TreeSet<String> deleted, String when) {
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
        .untilAsserted(() -> {
          JsonNode listed = api.get("/sales").json();
          Map<String, JsonNode> byId = new HashMap<>();
          listed.forEach(s -> byId.put(s.get("saleId").asText(), s));
          for (Map.Entry<String, Integer> e : generations.entrySet()) {
            JsonNode s = byId.get(e.getKey());
            assertThat(s).as(when + ": " + e.getKey() + " listed").isNotNull();
            assertThat(s.get("phase").asText()).as(when + ": " + e.getKey()).isEqualTo("Running");
            JsonNode detail = api.get("/sales/" + e.getKey()).json();
            assertThat(detail.toString()).as(when + ": generation of " + e.getKey())
                .contains("\"observedGeneration\":" + e.getValue());
          }
          assertThat(byId.keySet()).as(when + ": deleted sales gone").noneMatch(deleted::contains);
          List<String> apps = sdk.serviceClient().getContainerApps().listByResourceGroup(OrchestratorProcess.GROUP)
              .stream().map(a -> a.name()).sorted().toList();
          assertThat(apps).as(when + ": apps = desired sales (no duplicate, no orphan)")
              .containsExactlyElementsOf(generations.keySet().stream().map(s -> "sale-" + s).sorted().toList());
        });
  }

  /** Every PROVISION operation the emulator ran must correspond to a distinct generation. */
  private static void assertNoOperationTwice(StandaloneEmulator cloud, Map<String, Integer> lifetimeGenerations) {
    Map<String, Integer> provisions = new HashMap<>();
    for (Operation op : cloud.operations()) {
      if (op.type() == Operation.Type.PROVISION && op.status() != Operation.Status.Failed) {
        provisions.merge(op.appName(), 1, Integer::sum);
      }
    }
    provisions.forEach((app, count) -> assertThat(count)
        .as("provisioning operations of " + app + " vs generations written")
        .isLessThanOrEqualTo(lifetimeGenerations.getOrDefault(app.substring("sale-".length()), 0)));
  }

  private static ContainerAppsApiManager sdk(StandaloneEmulator cloud) {
    AzureTarget target = new AzureTarget(OrchestratorProcess.SUBSCRIPTION, OrchestratorProcess.GROUP,
        "westeurope", AzureTarget.environmentId(OrchestratorProcess.SUBSCRIPTION, OrchestratorProcess.GROUP, "arcal-env"));
    return ArmClients.manager(new ArmConnection(Optional.of(URI.create(cloud.url)), Optional.of(cloud.certificate),
        Optional.of("look"), Optional.empty(), Duration.ofSeconds(30)), target, List.of());
  }
}
