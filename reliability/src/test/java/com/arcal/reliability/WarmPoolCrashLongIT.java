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
import com.azure.resourcemanager.appcontainers.fluent.models.ContainerAppInner;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, point 4 (-Preliability-long): the orchestrator jar with a warm pool of 3, on the azure
 * platform against the standalone emulator jar, killed with SIGKILL at a random point after each
 * spawn, 20 times (20 bindings). After each restart: every sale Running; each sale's engine app
 * carries that sale's id and no other app does (no engine bound to two sales, no sale without
 * one); every other app is a free pool app, and the pool converges back to its size (no pool app
 * leaked).
 */
class WarmPoolCrashLongIT {
  private static final int KILLS = 20;
  private static final int POOL = 3;
  private static final String TOKEN = "pool-crash-arm-token";

  @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir;

  @Test
  void killedWhileBinding_noEngineIsBoundTwice_noSaleIsLeftWithout_noPoolAppLeaks() throws Exception {
    SplittableRandom random = new SplittableRandom(19);
    try (StandaloneEmulator cloud =
        new StandaloneEmulator(dir.resolve("emulator"), dir.resolve("emulator.log"), Duration.ofMillis(500))) {
      int port = OrchestratorProcess.freePort();
      Map<String, String> env = new HashMap<>(OrchestratorProcess.azureEnv(
          cloud.url, cloud.certificate, cloud.hostsFile, port, dir.resolve("desired-state.json"), TOKEN));
      env.put("ARCAL_WARM_POOL_SIZE", Integer.toString(POOL));
      Api api = new Api("http://127.0.0.1:" + port);
      ContainerAppsApiManager sdk = sdk(cloud);
      TreeSet<String> sales = new TreeSet<>();
      List<Long> recoveries = new ArrayList<>();
      Map<String, String> appOfSale = Map.of();
      for (int kill = 0; kill <= KILLS; kill++) {
        try (JavaProcess orchestrator = OrchestratorProcess.start(List.of(),
            List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), env, dir, dir.resolve("orchestrator.log"))) {
          long startedAt = System.nanoTime();
          await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
              .until(() -> api.get("/healthz").status() == 200);
          appOfSale = awaitConverged(api, sdk, sales, "after start " + kill);
          if (kill > 0) {
            recoveries.add((System.nanoTime() - startedAt) / 1_000_000);
          }
          if (kill == KILLS) {
            break;
          }
          String sale = "bind-" + kill;
          assertThat(api.post("/sales/spawn", "{\"saleId\":\"" + sale + "\"}").status()).isEqualTo(202);
          sales.add(sale);
          long pause = random.nextLong(0, 800);
          await().pollDelay(Duration.ofMillis(pause)).atMost(Duration.ofMillis(pause + 1000)).until(() -> true);
          orchestrator.kill();
        }
      }
      assertThat(cloud.isAlive()).isTrue();
      long pooled = appOfSale.values().stream().filter(a -> a.startsWith("pool-")).count();
      assertThat(pooled).as("sales that took a pool app (the rest found the pool empty)").isPositive();
      new Figures("19-warm-pool-crashes-long")
          .put("orchestrator kills (SIGKILL) during bindings", KILLS)
          .put("sales spawned, all Running at the end", sales.size())
          .put("of which on a pool app (the others found it empty)", pooled)
          .percentiles("restart to converged fleet and full pool", recoveries)
          .put("engines bound to two sales", 0)
          .put("sales without an engine", 0)
          .put("pool apps leaked", 0)
          .publish();
    }
  }

  /** Waits for the invariants; returns each sale's app. */
  private static Map<String, String> awaitConverged(
      Api api, ContainerAppsApiManager sdk, TreeSet<String> sales, String when) {
    Map<String, String> last = new HashMap<>();
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
        .untilAsserted(() -> {
          Map<String, String> appOfSale = new HashMap<>();
          for (String sale : sales) {
            var detail = api.get("/sales/" + sale).json();
            assertThat(detail.get("status").get("phase").asText()).as(when + ": " + sale).isEqualTo("Running");
            appOfSale.put(sale, detail.get("appName").asText());
          }
          List<ContainerAppInner> apps =
              sdk.serviceClient().getContainerApps().listByResourceGroup(OrchestratorProcess.GROUP).stream().toList();
          Map<String, String> saleOfApp = new HashMap<>();
          int free = 0;
          for (ContainerAppInner app : apps) {
            String sale = app.tags() == null ? null : app.tags().get("arcal-sale-id");
            if (sale == null) {
              assertThat(app.tags()).as(when + ": " + app.name() + " is a pool app").containsKey("arcal-pool");
              assertThat(app.provisioningState().toString()).isEqualToIgnoringCase("Succeeded");
              free++;
            } else {
              assertThat(saleOfApp.put(sale, app.name())).as(when + ": second app for " + sale).isNull();
            }
          }
          assertThat(saleOfApp).as(when + ": each sale has exactly its own app").isEqualTo(appOfSale);
          assertThat(free).as(when + ": free pool apps (none leaked, pool refilled)").isEqualTo(POOL);
          last.clear();
          last.putAll(appOfSale);
        });
    return last;
  }

  private static ContainerAppsApiManager sdk(StandaloneEmulator cloud) {
    AzureTarget target = new AzureTarget(OrchestratorProcess.SUBSCRIPTION, OrchestratorProcess.GROUP,
        "westeurope", AzureTarget.environmentId(OrchestratorProcess.SUBSCRIPTION, OrchestratorProcess.GROUP, "arcal-env"));
    return ArmClients.manager(new ArmConnection(Optional.of(URI.create(cloud.url)), Optional.of(cloud.certificate),
        Optional.of("look"), Optional.empty(), Duration.ofSeconds(30)), target, List.of());
  }
}
