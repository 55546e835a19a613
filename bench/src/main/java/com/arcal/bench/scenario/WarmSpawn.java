package com.arcal.bench.scenario;

import com.arcal.api.Orchestrator;
import com.arcal.api.config.Settings;
import com.arcal.bench.report.Figure;
import com.arcal.bench.report.Percentiles;
import com.arcal.bench.rig.EmulatedArm;
import com.arcal.bench.rig.Waits;
import com.arcal.controller.pool.PoolView;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.status.Phase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Scenario 8: spawns with a warm pool (issue 19). A complete orchestrator (REST server, file
 * store, controller) on the emulator at create time L, with {@code ARCAL_WARM_POOL_SIZE=10}:
 * once the pool is ready, {@link #SPAWNS} {@code POST /sales/spawn} one at a time, each sent once
 * the pool has a ready app (the wait for a refill is not counted: with L = 13 s ten spawns drain
 * the pool faster than Azure refills it), timed from the request to Running on the status board.
 * Then the pool is resized to {@link #BURST} and, once it is ready, as many spawns are sent at
 * once: the time to all of them Running. Last, with every sale Running and the pool full again,
 * the ARM writes over {@link #STEADY}.
 */
public final class WarmSpawn implements Scenario {
  static final String NAME = "warm";
  static final int POOL = 10;
  static final int SPAWNS = 50;
  static final int BURST = 50;
  static final Duration STEADY = Duration.ofSeconds(10);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void run(BenchContext context) throws Exception {
    context.closeFleet();
    Duration latency = context.options().latency();
    Path dir = context.folder("warm-" + System.nanoTime());
    try (EmulatedArm arm = EmulatedArm.start(dir.resolve("emulator"), latency)) {
      Map<String, String> env = new HashMap<>(ApiLoad.variables(arm, dir));
      env.put("ARCAL_WARM_POOL_SIZE", Integer.toString(POOL));
      try (Orchestrator orchestrator = Orchestrator.start(Settings.of(env))) {
        measure(context, arm, orchestrator, latency);
      }
    }
  }

  private static void measure(BenchContext context, EmulatedArm arm, Orchestrator orchestrator, Duration latency)
      throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    long start = System.nanoTime();
    long ready = Waits.until("a pool of " + POOL + " ready", () -> pool(orchestrator).ready() == POOL,
        Duration.ofMillis(20), latency.multipliedBy(4).plusSeconds(120));
    List<Double> millis = new ArrayList<>();
    for (int i = 1; i <= SPAWNS; i++) {
      Waits.until("a ready pool app", () -> pool(orchestrator).ready() > 0, Duration.ofMillis(5),
          latency.multipliedBy(4).plusSeconds(60));
      SaleId id = Sales.id(i);
      long sent = System.nanoTime();
      HttpResponse<String> r = http.send(
          HttpRequest.newBuilder(URI.create(orchestrator.url() + "/sales/spawn"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"saleId\":\"" + id.value() + "\"}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 202) {
        throw new IllegalStateException("spawn of " + id + " answered " + r.statusCode() + ": " + r.body());
      }
      long running = Waits.until(id + " Running", () -> isRunning(orchestrator, id), Duration.ofMillis(2),
          Duration.ofSeconds(60));
      millis.add(Waits.millis(sent, running));
    }
    // A burst into a pool as large as the burst.
    orchestrator.backend().controller().pool().resize(BURST);
    Waits.until("a pool of " + BURST + " ready", () -> pool(orchestrator).ready() == BURST, Duration.ofMillis(50),
        latency.multipliedBy(8).plusSeconds(180));
    double burst = burst(http, orchestrator);
    Waits.until("the pool full again", () -> pool(orchestrator).ready() == BURST, Duration.ofMillis(50),
        latency.multipliedBy(8).plusSeconds(180));
    long writesBefore = ArmCounts.writes(arm);
    Waits.pause(STEADY);
    long steadyWrites = ArmCounts.writes(arm) - writesBefore;

    Percentiles p = new Percentiles(millis);
    String at = "L=" + latency.toMillis() / 1000.0 + " s, pool " + POOL + ", " + SPAWNS + " spawns one at a time";
    context.add(Figure.info(NAME, "L=" + latency.toMillis() / 1000.0 + " s: pool of " + POOL + " ready after start",
        Waits.seconds(start, ready), "s"));
    context.add(Figure.atMost(NAME, at + ": spawn -> Running, p50", p.at(50), "ms", 300));
    context.add(Figure.atMost(NAME, at + ": spawn -> Running, p99", p.at(99), "ms", 1000));
    context.add(Figure.info(NAME, at + ": spawn -> Running, max", p.max(), "ms"));
    context.add(Figure.atMost(NAME, "L=" + latency.toMillis() / 1000.0 + " s, pool " + BURST + ": " + BURST
        + " spawns at once, all Running", burst, "s", 2));
    context.add(Figure.atMost(NAME, "full pool of " + BURST + ", " + (SPAWNS + BURST)
        + " sales Running: ARM writes in " + STEADY.toSeconds() + " s", steadyWrites, "", 0));
  }

  /** {@link #BURST} spawns released together; seconds from the release to all of them Running. */
  private static double burst(HttpClient http, Orchestrator orchestrator) throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(BURST);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> sent = new ArrayList<>();
      for (int i = 1; i <= BURST; i++) {
        SaleId id = Sales.id(1000 + i);
        HttpRequest request = HttpRequest.newBuilder(URI.create(orchestrator.url() + "/sales/spawn"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"saleId\":\"" + id.value() + "\"}"))
            .build();
        sent.add(senders.submit(() -> {
          go.await();
          return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        }));
      }
      long start = System.nanoTime();
      go.countDown();
      for (Future<Integer> f : sent) {
        if (f.get() != 202) {
          throw new IllegalStateException("a spawn of the burst answered " + f.get());
        }
      }
      long all = Waits.until(BURST + " sales of the burst Running", () -> {
        for (int i = 1; i <= BURST; i++) {
          if (!isRunning(orchestrator, Sales.id(1000 + i))) {
            return false;
          }
        }
        return true;
      }, Duration.ofMillis(5), Duration.ofSeconds(120));
      return Waits.seconds(start, all);
    } finally {
      senders.shutdownNow();
    }
  }

  private static PoolView pool(Orchestrator orchestrator) {
    return orchestrator.backend().controller().pool().view();
  }

  private static boolean isRunning(Orchestrator orchestrator, SaleId id) {
    return orchestrator.backend().board().get(id).map(s -> s.phase() == Phase.RUNNING).orElse(false);
  }
}
