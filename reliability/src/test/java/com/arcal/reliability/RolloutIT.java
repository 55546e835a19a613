package com.arcal.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.AzureContainerApps;
import com.arcal.controller.reconcile.Ownership;
import com.arcal.controller.reconcile.RolloutGate;
import com.arcal.controller.status.SaleStatus;
import com.arcal.reliability.harness.Api;
import com.arcal.reliability.harness.Figures;
import com.arcal.reliability.harness.LocalFleet;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario "Rollout": a new image for 50 Running sales with ARCAL_ROLLOUT_MAX_UNAVAILABLE=5. The
 * change is held by the restart brake until confirmed, then rolled out in waves: sampled every
 * 100 ms, never more than 5 sales not Running; all at the new generation at the end. Then an image
 * the emulator cannot start: the rollout pauses after its first wave, at most 5 sales affected and
 * reported, the others Running on their old spec; fixing the spec and resuming finishes it.
 */
class RolloutIT {
  private static final int SALES = 50;
  private static final int MAX_UNAVAILABLE = 5;
  private static final String GOOD = "arcal/engine:v2";
  private static final String FIXED = "arcal/engine:v3";
  private static final String BROKEN = "arcal/engine:broken";

  @TempDir Path dir;

  @Test
  void aNewImage_rollsOutInWaves_andABrokenOnePausesAfterTheFirstWave() {
    try (LocalFleet fleet = LocalFleet.in(dir)
        .brokenImage(BROKEN)
        .env("ARCAL_ROLLOUT_MAX_UNAVAILABLE", Integer.toString(MAX_UNAVAILABLE))
        .env("ARCAL_ROLLOUT_DEADLINE_SECONDS", "15")
        .start()) {
      List<String> sales = IntStream.range(0, SALES).mapToObj(i -> "ro-" + i).toList();
      sales.forEach(s -> assertThat(fleet.api.post("/sales/spawn", "{\"saleId\":\"" + s + "\"}").status())
          .isEqualTo(202));
      await().atMost(Duration.ofSeconds(180)).until(() -> sales.stream().allMatch(fleet::running));

      AtomicInteger maxNotRunning = new AtomicInteger();
      AtomicInteger samples = new AtomicInteger();
      AtomicReference<String> worst = new AtomicReference<>("");
      // Off while the orchestrator restarts: its new status board knows nothing for a moment.
      AtomicBoolean observing = new AtomicBoolean(true);
      ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
      sampler.scheduleAtFixedRate(() -> {
        if (!observing.get()) {
          return;
        }
        List<String> notRunning = sales.stream().filter(s -> !fleet.running(s)).toList();
        if (notRunning.size() > maxNotRunning.get()) {
          worst.set(notRunning.stream().map(s -> s + " " + status(fleet, s).phase() + " gen "
              + status(fleet, s).observedGeneration()).toList() + " at " + java.time.Instant.now());
        }
        maxNotRunning.accumulateAndGet(notRunning.size(), Math::max);
        samples.incrementAndGet();
      }, 0, 100, TimeUnit.MILLISECONDS);
      try {
        // 1. A good image: held by the brake, confirmed, rolled out in waves.
        setImage(fleet.api, sales, GOOD);
        await().atMost(Duration.ofSeconds(30)).until(() -> rollout(fleet.api).path("state").asText()
            .equals("AwaitingConfirmation"));
        assertThat(rollout(fleet.api).path("restartsHeld")).hasSize(SALES);
        assertThat(fleet.api.get("/plan").json().path("rollout").path("restartsHeld")).hasSize(SALES);
        assertThat(maxNotRunning.get()).as("nothing restarted before the confirmation").isZero();
        long confirmedAt = System.nanoTime();
        assertThat(fleet.api.post("/disruptions/confirm", "").json().path("released")).hasSize(SALES);
        await().atMost(Duration.ofSeconds(300)).until(() -> sales.stream().allMatch(s -> runningAt(fleet, s, 2)));
        long rolloutMs = (System.nanoTime() - confirmedAt) / 1_000_000;
        int maxGood = maxNotRunning.get();
        assertThat(maxGood).as("sales not Running at a sampled moment").isLessThanOrEqualTo(MAX_UNAVAILABLE);
        assertThat(maxGood).as("the sampler saw the waves").isPositive();
        AzureContainerApps cloud = new AzureContainerApps(fleet.sdk(), fleet.target);
        Map<String, AppObservation> listed = list(cloud);
        assertThat(sales).allSatisfy(s -> assertThat(listed.get("sale-" + s).image()).isEqualTo(GOOD));

        // 2. A broken image: the first wave never comes up, the rollout pauses.
        maxNotRunning.set(0);
        setImage(fleet.api, sales, BROKEN);
        await().atMost(Duration.ofSeconds(30)).until(() -> rollout(fleet.api).path("state").asText()
            .equals("AwaitingConfirmation"));
        long brokenAt = System.nanoTime();
        fleet.api.post("/disruptions/confirm", "");
        await().atMost(Duration.ofSeconds(60)).until(() -> rollout(fleet.api).path("state").asText().equals("Paused"));
        long pausedMs = (System.nanoTime() - brokenAt) / 1_000_000;
        // Nothing more is updated while paused (level-based passes keep coming: resync every 5 s).
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(500))
            .until(() -> atGeneration(cloud, 3).size() <= MAX_UNAVAILABLE);
        List<String> reported = new ArrayList<>();
        rollout(fleet.api).path("pause").path("sales").forEach(n -> reported.add(n.asText()));
        List<String> affected = atGeneration(cloud, 3);
        assertThat(affected).as("sales updated to the broken image").hasSizeBetween(1, MAX_UNAVAILABLE);
        assertThat(reported).as("reported by /rollout").containsExactlyInAnyOrderElementsOf(affected);
        assertThat(affected).allSatisfy(s -> assertThat(status(fleet, s).condition(RolloutGate.UPDATE_FAILED)).isPresent());
        List<String> untouched = sales.stream().filter(s -> !affected.contains(s)).toList();
        assertThat(untouched).allSatisfy(s -> {
          assertThat(fleet.running(s)).as(s + " Running on its old spec").isTrue();
          assertThat(status(fleet, s).condition(RolloutGate.UPDATE_HELD).orElseThrow().reason()).isEqualTo("RolloutPaused");
        });
        assertThat(fleet.api.get("/sales/" + affected.get(0)).body()).contains(RolloutGate.UPDATE_FAILED);
        // The paused rollout survives an orchestrator restart: nothing stored, the sales found
        // updating (their app at the new generation, not Running) hold the slots and pause it again.
        long restartedAt = System.nanoTime();
        observing.set(false);
        fleet.restartOrchestrator(Map.of());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
            .until(() -> rollout(fleet.api).path("state").asText().equals("Paused"));
        long pausedAgainMs = (System.nanoTime() - restartedAt) / 1_000_000;
        assertThat(atGeneration(cloud, 3)).as("no sale updated across the restart").containsExactlyInAnyOrderElementsOf(affected);
        assertThat(untouched).allSatisfy(s -> assertThat(fleet.running(s)).as(s).isTrue());
        observing.set(true);
        int maxBroken = maxNotRunning.get();
        assertThat(maxBroken).as("not Running at once with the broken image: " + worst.get())
            .isLessThanOrEqualTo(MAX_UNAVAILABLE);
        maxNotRunning.set(0);

        // 3. The operator fixes the spec (rolls forward to a good image) and resumes: the rollout
        // ends at the new generation.
        setImage(fleet.api, sales, FIXED);
        assertThat(fleet.api.post("/rollout/resume", "").json().path("resumed").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
            .until(() -> !rollout(fleet.api).path("restartsHeld").isEmpty()
            || !atGeneration(cloud, 4).isEmpty());
        fleet.api.post("/disruptions/confirm", "");
        await().atMost(Duration.ofSeconds(300)).until(() -> sales.stream().allMatch(s -> runningAt(fleet, s, 4)));
        assertThat(maxNotRunning.get()).as("fixed and resumed: " + worst.get()).isLessThanOrEqualTo(MAX_UNAVAILABLE);

        new Figures("rollout")
            .put("Running sales", SALES)
            .put("maxUnavailable", MAX_UNAVAILABLE)
            .put("good image: max sales not Running at a 100 ms sample", maxGood + " (" + samples.get() + " samples so far)")
            .put("good image: confirmation to all Running at the new generation", rolloutMs + " ms")
            .put("broken image: sales updated before the pause", affected.size() + " (reported: " + reported.size() + ")")
            .put("broken image: confirmation to paused (deadline 15 s)", pausedMs + " ms")
            .put("broken image: max sales not Running at a 100 ms sample", maxBroken)
            .put("orchestrator restarted while paused: paused again after", pausedAgainMs + " ms (sales updated meanwhile: 0)")
            .put("fixed and resumed: max not Running", maxNotRunning.get())
            .publish();
      } finally {
        sampler.shutdownNow();
      }
    }
  }

  /** One change of the whole desired state: every sale gets {@code image}. */
  private static void setImage(Api api, List<String> sales, String image) {
    Api.Response current = api.get("/desired-state");
    StringBuilder doc = new StringBuilder("{\"sales\":{");
    for (int i = 0; i < sales.size(); i++) {
      doc.append(i == 0 ? "" : ",").append('"').append(sales.get(i)).append("\":{\"image\":\"").append(image).append("\"}");
    }
    doc.append("}}");
    assertThat(api.put("/desired-state", doc.toString(), current.header("ETag")).status()).isEqualTo(200);
  }

  private static JsonNode rollout(Api api) {
    return api.get("/rollout").json();
  }

  private static SaleStatus status(LocalFleet fleet, String sale) {
    return fleet.status(sale).orElseThrow();
  }

  private static boolean runningAt(LocalFleet fleet, String sale, long generation) {
    return fleet.status(sale).map(s -> s.observedGeneration() == generation && fleet.running(sale)).orElse(false);
  }

  /** One LIST (a GET per app would run into the emulator's ARM throttle). */
  private static Map<String, AppObservation> list(AzureContainerApps cloud) {
    Map<String, AppObservation> apps = new TreeMap<>();
    cloud.list().forEach(a -> apps.put(a.name(), a));
    return apps;
  }

  /** Sales whose app carries {@code generation}. */
  private static List<String> atGeneration(AzureContainerApps cloud, long generation) {
    return list(cloud).values().stream()
        .filter(a -> a.tag(Ownership.GENERATION).map(Long::parseLong).orElse(0L) == generation)
        .map(a -> a.name().substring("sale-".length()))
        .toList();
  }
}
