package com.arcal.bench.scenario;

import com.arcal.api.Orchestrator;
import com.arcal.api.config.Settings;
import com.arcal.bench.report.Figure;
import com.arcal.bench.report.Percentiles;
import com.arcal.bench.rig.ArmSite;
import com.arcal.bench.rig.ChildEmulator;
import com.arcal.bench.rig.EmulatedArm;
import com.arcal.bench.rig.Progress;
import com.arcal.bench.rig.Waits;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.SaleStatus;
import com.arcal.emulator.OperationKind;
import com.arcal.emulator.fault.FaultRates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Scenario 7: a dashboard's burst. N (default 300) {@code POST /sales/spawn} sent at once, each
 * from its own thread released by one latch, into a complete orchestrator (REST server, file
 * store, controller) on the emulator, as the api scenario runs it. Reports when the last 202
 * arrived (a 202 means the sale is on disk), how many document versions the answers named (one
 * per write of the file that carried spawns), and the time to all Running against ARM's throttle
 * bound {@code max(0, N - 200) / 10 s + L}, as the cold scenario does (which writes its store
 * directly and never sees the API's write path). Just before, the same number of
 * {@code GET /healthz} at once: the floor of the HTTP stack and this machine for N requests with
 * no write at all; it also opens the N connections the spawns then use, as a dashboard's are.
 * Measured three times: with the emulator in this JVM, with it in a child process at the lowest CPU
 * priority (Azure's side of each PUT does not run on the orchestrator's cores), and in this JVM
 * answering each PUT only after half a second, as Azure does not answer at once.
 */
public final class BurstSpawn implements Scenario {
  static final String NAME = "burst";
  /**
   * One burst of the same size on a throwaway orchestrator and emulator first, unreported: the
   * figures are those of a warm process (Javalin, Jackson, the store, the SDK), as a long-running
   * orchestrator is, not of class loading and JIT.
   */
  static final Duration WARM_UP_LATENCY = Duration.ofMillis(500);

  /** What one answer said, and when it arrived. */
  private record Answer(String request, int status, String etag, long atNanos, String body) {}

  /** The answers of one burst, and the moment its requests were released. */
  private record Fired(long startNanos, List<Answer> answers) {
    double lastSeconds() {
      return Waits.seconds(startNanos, answers.stream().mapToLong(Answer::atNanos).max().orElse(startNanos));
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Where the emulator runs during a burst. */
  private enum Site {
    /** In this JVM: its work (TLS, PUT handling) shares the cores with the orchestrator's. */
    IN_PROCESS("emulator in process"),
    /**
     * A child process at the lowest CPU priority: Azure's control plane does not run on the
     * orchestrator's machine, and this is the nearest a single machine gets to that.
     */
    BELOW_OTHERS("emulator at nice 19"),
    /**
     * In this JVM, answering every write (in a burst, the PUTs) only after {@link #PUT_ANSWER}:
     * Azure answers a PUT once ARM and Microsoft.App have validated it (in the recording, the 201
     * and the first poll are a second apart; no figure is published), and each answer holds a
     * reconcile worker until it comes.
     */
    SLOW_PUT_ANSWERS("emulator in process, PUTs answered after 0.5 s");

    /** How long the emulator takes to answer a write in {@link #SLOW_PUT_ANSWERS}. */
    static final Duration PUT_ANSWER = Duration.ofMillis(500);

    final String label;

    Site(String label) {
      this.label = label;
    }

    ArmSite open(Path dir, Duration latency) {
      if (this == BELOW_OTHERS) {
        return ChildEmulator.startBelowOthers(dir, latency);
      }
      EmulatedArm arm = EmulatedArm.start(dir, latency);
      if (this == SLOW_PUT_ANSWERS) {
        arm.emulator().faults().set(OperationKind.WRITE, FaultRates.none().withLatency(1.0, PUT_ANSWER));
      }
      return arm;
    }
  }

  @Override
  public void run(BenchContext context) throws Exception {
    context.closeFleet();
    int n = context.options().burst();
    System.out.println("   warm-up: one burst of " + n + " on another orchestrator, not reported");
    burst(context, n, WARM_UP_LATENCY, false, Site.IN_PROCESS);
    burst(context, n, context.options().latency(), true, Site.IN_PROCESS);
    burst(context, n, context.options().latency(), true, Site.BELOW_OTHERS);
    burst(context, n, context.options().latency(), true, Site.SLOW_PUT_ANSWERS);
  }

  private static void burst(BenchContext context, int n, Duration latency, boolean measured, Site site)
      throws Exception {
    Path dir = context.folder("burst-" + System.nanoTime());
    try (ArmSite arm = site.open(dir.resolve("emulator"), latency);
        Orchestrator orchestrator = Orchestrator.start(Settings.of(ApiLoad.variables(arm, dir)))) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String base = orchestrator.url();
      Fired reads = fire(http, n, 200, i -> HttpRequest.newBuilder(URI.create(base + "/healthz")).build());
      Fired fired = fire(http, n, 202, i -> HttpRequest.newBuilder(URI.create(base + "/sales/spawn"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"saleId\":\"" + Sales.id(i).value() + "\"}"))
          .build());
      if (!measured) {
        return;
      }
      double bound = Math.max(0, n - 200) / 10.0 + latency.toMillis() / 1000.0;
      long done;
      try (Progress progress = new Progress(System.out, Duration.ofSeconds(1),
          () -> "running " + running(orchestrator) + "/" + n
              + (arm instanceof EmulatedArm in ? ", ARM " + ArmCounts.byType(in) : ""))) {
        done = Waits.until(n + " sales Running behind the API", () -> running(orchestrator) == n,
            Duration.ofMillis(20), Duration.ofSeconds((long) (bound * 3) + 120));
      }
      String at = at(n, latency) + ", " + site.label;
      context.add(Figure.info(NAME, at + ": the same number of GET /healthz at once, all answered",
          reads.lastSeconds(), "s"));
      report(context, at, fired, Waits.seconds(fired.startNanos(), done), bound, throttled(arm, http, base));
    }
  }

  /** Sends n requests at once; fails unless every one is answered {@code expected}. */
  private static Fired fire(HttpClient http, int n, int expected, IntFunction<HttpRequest> requests)
      throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch ready = new CountDownLatch(n);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Answer>> sent = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        HttpRequest request = requests.apply(i);
        sent.add(senders.submit(() -> {
          ready.countDown();
          go.await();
          HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
          return new Answer(request.method() + " " + request.uri().getPath(), r.statusCode(), r.headers().firstValue("ETag").orElse(""), System.nanoTime(),
              r.body());
        }));
      }
      ready.await();
      long start = System.nanoTime();
      go.countDown();
      List<Answer> answers = new ArrayList<>();
      for (Future<Answer> f : sent) {
        Answer a = f.get();
        if (a.status() != expected) {
          throw new IllegalStateException(a.request() + " answered " + a.status() + ": " + a.body());
        }
        answers.add(a);
      }
      return new Fired(start, answers);
    } finally {
      senders.shutdownNow();
    }
  }

  private static String at(int n, Duration latency) {
    return "N=" + n + " L=" + Math.round(latency.toMillis() / 1000.0) + "s";
  }

  private static long running(Orchestrator orchestrator) {
    return orchestrator.backend().board().all().stream().map(SaleStatus::phase).filter(Phase.RUNNING::equals)
        .count();
  }

  /**
   * 429s ARM answered: the in-process emulator's own count, else the orchestrator's (its
   * {@code arcal_arm_requests_total} by status).
   */
  private static long throttled(ArmSite arm, HttpClient http, String base) throws Exception {
    if (arm instanceof EmulatedArm in) {
      return ArmCounts.throttled(in);
    }
    String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return Math.round(metrics.lines()
        .filter(l -> l.startsWith("arcal_arm_requests_total") && l.contains("status=\"429\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum());
  }

  private static void report(BenchContext context, String at, Fired fired, double allRunning,
      double bound, long throttled) {
    List<Double> accepted = new ArrayList<>();
    Set<String> versions = new HashSet<>();
    for (Answer a : fired.answers()) {
      accepted.add(Waits.millis(fired.startNanos(), a.atNanos()));
      versions.add(a.etag());
    }
    Percentiles p = new Percentiles(accepted);
    context.add(Figure.info(NAME, at + ": 202 received, p50", p.at(50), "ms"));
    context.add(Figure.atMost(NAME, at + ": all accepted (last 202)", fired.lastSeconds(), "s", 1.0));
    context.add(Figure.info(NAME, at + ": document versions answered (file writes)", versions.size(), ""));
    context.add(Figure.info(NAME, at + ": time to all Running", allRunning, "s"));
    context.add(Figure.info(NAME, at + ": throttle bound max(0,N-200)/10+L", bound, "s"));
    context.add(Figure.atMost(NAME, at + ": ratio to bound", allRunning / bound, "", 1.05));
    context.add(Figure.info(NAME, at + ": 429s received", throttled, ""));
  }
}
