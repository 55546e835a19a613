package com.arcal.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.controller.budget.ArmOperation;
import com.arcal.controller.budget.BudgetSettings;
import com.arcal.controller.budget.BudgetSettings.Bucket;
import com.arcal.emulator.OperationKind;
import com.arcal.emulator.fault.FaultRates;
import com.arcal.reliability.harness.Figures;
import com.arcal.reliability.harness.LocalFleet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 3: 10 sales are created, 3 updated and 3 deleted, once without faults and once with
 * about 30% of ARM calls failing (500, 503, 429 with Retry-After, timeouts, lost responses, and
 * long-running operations that end Failed). Everything converges both times; the faulty run's ARM
 * calls are compared with the clean run's, and the request rate the emulator saw never exceeds
 * the client's budget (no hot retry loop).
 */
class ArmFaultIT {
  private static final Duration CONVERGE = Duration.ofSeconds(120);
  private static final BudgetSettings BUDGET =
      new BudgetSettings(new Bucket(30, 15), new Bucket(10, 5), new Bucket(10, 5), Duration.ofSeconds(1));
  private static final FaultRates STORM =
      FaultRates.none()
          .withHttp500(0.08)
          .withHttp503(0.06)
          .withHttp429(0.05)
          .withLostResponse(0.05, Duration.ofMillis(200))
          .withLatency(0.06, Duration.ofSeconds(4)) // beyond the 3 s client timeout: a timeout
          .withOperationFailure(0.15);

  @TempDir Path dir;

  private record Run(
      long armCalls, long faults, long seconds, long maxPerSecond, long granted, long droppedGets) {}

  @Test
  void thirtyPercentArmFaults_everythingConverges_withinTheBudget() throws Exception {
    Run clean = run(dir.resolve("clean"), false);
    Run stormy = run(dir.resolve("storm"), true);

    assertThat(clean.faults()).isZero();
    assertThat(stormy.faults()).isPositive();
    new Figures("3-arm-faults")
        .put("sales", "10 created, 3 updated, 3 deleted")
        .put("fault mix per ARM call", "500 8%, 503 6%, 429 5%, lost response 5%, timeout 6% "
            + "(30% of calls), and 15% of long-running operations end Failed")
        .put("ARM calls, fault-free run", clean.armCalls() + " in " + clean.seconds() + " s")
        .put("ARM calls, faulty run", stormy.armCalls() + " in " + stormy.seconds() + " s ("
            + String.format("%.2f", (double) stormy.armCalls() / clean.armCalls()) + "x)")
        .put("faults answered (5xx, 429, dropped)", stormy.faults())
        .put("max ARM requests seen in 1 s (clean / faulty)", clean.maxPerSecond() + " / " + stormy.maxPerSecond())
        .put("budget tokens granted vs requests seen (faulty run)", stormy.granted() + " vs "
            + stormy.armCalls() + " (dropped GETs re-sent by the JDK client: " + stormy.droppedGets() + ")")
        .put("budget", "reads 30 + 15/s, writes 10 + 5/s, deletes 10 + 5/s")
        .put("sales lost or duplicated", 0)
        .publish();
  }

  private Run run(Path where, boolean faults) throws Exception {
    try (LocalFleet fleet = LocalFleet.in(where).budget(BUDGET).armTimeout(Duration.ofSeconds(3)).start()) {
      if (faults) {
        fleet.emulator.faults().reseed(3);
        for (OperationKind kind : OperationKind.values()) {
          fleet.emulator.faults().set(kind, STORM);
        }
      }
      ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
      AtomicLong maxPerSecond = new AtomicLong();
      long[] last = {0};
      sampler.scheduleAtFixedRate(() -> {
        long now = fleet.emulator.stats().total();
        maxPerSecond.accumulateAndGet(now - last[0], Math::max);
        last[0] = now;
      }, 1, 1, TimeUnit.SECONDS);
      long start = System.nanoTime();
      try {
        List<String> sales = IntStream.range(0, 10).mapToObj(i -> "arm-" + i).toList();
        sales.forEach(s -> assertThat(fleet.api.post("/sales/spawn", "{\"saleId\":\"" + s + "\"}").status()).isEqualTo(202));
        await().atMost(CONVERGE).until(() -> sales.stream().allMatch(fleet::running));
        for (String s : sales.subList(0, 3)) {
          assertThat(fleet.api.put("/sales/" + s, "{\"config\":{\"round\":\"2\"}}", null).status()).isEqualTo(202);
        }
        for (String s : sales.subList(7, 10)) {
          assertThat(fleet.api.delete("/sales/" + s).status()).isIn(200, 202);
        }
        await().atMost(CONVERGE).until(() ->
            sales.subList(0, 7).stream().allMatch(s -> fleet.running(s)
                && fleet.status(s).orElseThrow().observedGeneration() == (sales.indexOf(s) < 3 ? 2 : 1))
            && sales.subList(7, 10).stream().allMatch(s -> fleet.status(s).isEmpty()));
        long seconds = Math.max(1, (System.nanoTime() - start) / 1_000_000_000L);
        // Read before this test's own look at the cloud below, which spends no budget token.
        long calls = fleet.emulator.stats().total();
        long faultCount = fleet.emulator.stats().count(k -> k.status() >= 500 || k.status() == 429 || k.status() == 0);
        long droppedGets = fleet.emulator.stats().count(k -> k.status() == 0 && k.method().equals("GET"));
        fleet.emulator.faults().clear();

        List<String> apps = fleet.sdk().serviceClient().getContainerApps()
            .listByResourceGroup(LocalFleet.GROUP).stream().map(a -> a.name()).sorted().toList();
        assertThat(apps).as("exactly the desired apps, no duplicate, no orphan")
            .containsExactlyElementsOf(sales.subList(0, 7).stream().map(s -> "sale-" + s).toList());

        long granted = 0;
        for (ArmOperation kind : ArmOperation.values()) {
          Bucket bucket = BUDGET.bucket(kind);
          long spent = fleet.budget.counters(kind).granted();
          granted += spent;
          assertThat(spent).as(kind + " tokens within burst + rate x time")
              .isLessThanOrEqualTo((long) (bucket.burst() + bucket.perSecond() * (seconds + 1)));
        }
        // java.net.http re-sends an idempotent request once, below the SDK pipeline and so without
        // a token, when a pooled connection dies before the answer: at most one per dropped GET.
        assertThat(calls).as("every request the emulator saw was paid for by a budget token,"
                + " but for the JDK client's one transparent re-send per dropped GET")
            .isLessThanOrEqualTo(granted + droppedGets);
        assertThat(maxPerSecond.get()).as("requests in any second")
            .isLessThanOrEqualTo(30 + 10 + 10 + 15 + 5 + 5);
        return new Run(calls, faultCount, seconds, maxPerSecond.get(), granted, droppedGets);
      } finally {
        sampler.shutdownNow();
      }
    }
  }
}
