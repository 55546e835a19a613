package com.arcal.bench.scenario;

import com.arcal.api.Orchestrator;
import com.arcal.api.config.Settings;
import com.arcal.api.http.Json;
import com.arcal.api.sales.SaleDetail;
import com.arcal.api.sales.SaleSummary;
import com.arcal.bench.report.Figure;
import com.arcal.bench.report.Percentiles;
import com.arcal.bench.rig.ArmSite;
import com.arcal.bench.rig.EmulatedArm;
import com.arcal.bench.rig.Waits;
import com.arcal.bench.web.BareServer;
import com.arcal.bench.web.Wrk;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.SaleStatus;
import com.arcal.emulator.arm.Environments;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Scenario 5: the whole orchestrator (api module: REST server, file store, controller) on the
 * emulator, filled with N sales through {@code POST /sales/spawn}; once all are Running,
 * {@code GET /sales} and {@code GET /sales/{id}} are loaded with wrk, beside a bare Javalin
 * server on the same machine serving a constant object and serialising the same list on every
 * request. The orchestrator reaches the in-process emulator as it reaches Azure
 * ({@code ARCAL_PLATFORM=azure} with {@code ARCAL_ARM_ENDPOINT}): the local platform runs one
 * engine JVM per sale, which 1000 sales cannot afford.
 */
public final class ApiLoad implements Scenario {
  /** Alternated runs per route (odd: a median run exists). */
  static final int ROUNDS = 3;
  static final String NAME = "api";
  private static final int WARMUP_SECONDS = 3;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void run(BenchContext context) throws IOException, InterruptedException {
    context.closeFleet();
    int n = context.options().fleetSize();
    Path dir = context.folder("api");
    try (EmulatedArm arm = EmulatedArm.start(dir.resolve("emulator"), context.options().latency());
        Orchestrator orchestrator = Orchestrator.start(Settings.of(variables(arm, dir)))) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String base = orchestrator.url();
      List<Double> spawn = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        String body = "{\"saleId\":\"" + Sales.id(i).value() + "\"}";
        long start = System.nanoTime();
        HttpResponse<String> r = http.send(
            HttpRequest.newBuilder(URI.create(base + "/sales/spawn"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
        spawn.add(Waits.millis(start, System.nanoTime()));
        if (r.statusCode() / 100 != 2) {
          throw new IllegalStateException("POST /sales/spawn answered " + r.statusCode() + ": " + r.body());
        }
      }
      Percentiles s = new Percentiles(spawn);
      context.add(Figure.info(NAME, "POST /sales/spawn (store of 0.." + n + " sales), p50", s.at(50), "ms"));
      context.add(Figure.info(NAME, "POST /sales/spawn, p99", s.at(99), "ms"));
      Waits.until(n + " sales Running behind the API",
          () -> orchestrator.backend().board().all().stream().map(SaleStatus::phase).filter(Phase.RUNNING::equals)
              .count() == n,
          Duration.ofMillis(200), Duration.ofSeconds(n / 10 + 300));
      if (!Wrk.available()) {
        context.report().note("api: wrk is not installed (Debian: apt-get install wrk); GET load figures skipped");
        return;
      }
      load(context, http, base, n);
    }
  }

  private void load(BenchContext context, HttpClient http, String base, int n)
      throws IOException, InterruptedException {
    ObjectMapper json = Json.mapper();
    String one = Sales.id(n / 2).value();
    List<SaleSummary> list = json.readValue(get(http, base + "/sales"), new TypeReference<List<SaleSummary>>() {});
    SaleDetail detail = json.readValue(get(http, base + "/sales/" + one), SaleDetail.class);
    Wrk wrk = new Wrk(1, 16);
    int seconds = context.options().wrkSeconds();
    try (BareServer bare = BareServer.start(json, detail, list)) {
      Wrk.Result[] ids = measurePair(wrk, base + "/sales/" + one, bare.url("/const"), seconds);
      Wrk.Result[] lists = measurePair(wrk, base + "/sales", bare.url("/list"), seconds);
      Wrk.Result getId = ids[0];
      Wrk.Result bareConst = ids[1];
      Wrk.Result getList = lists[0];
      Wrk.Result bareList = lists[1];
      report(context, "GET /sales/{id}", getId);
      report(context, "bare Javalin constant object", bareConst);
      report(context, "GET /sales (" + n + " sales)", getList);
      report(context, "bare Javalin serialising " + n + " per request", bareList);
      context.add(Figure.atLeast(NAME, "GET /sales/{id} throughput / bare constant route",
          getId.requestsPerSecond() / bareConst.requestsPerSecond(), "x", 0.7));
      context.add(Figure.atLeast(NAME, "GET /sales throughput / bare per-request serialisation",
          getList.requestsPerSecond() / bareList.requestsPerSecond(), "x", 1.5));
    }
  }

  /**
   * The two routes loaded in turn, {@link #ROUNDS} times each, and the run of median throughput
   * of each: the orchestrator's own work (a resync re-reads 1000 engines in this JVM) lands in
   * one run or another, and alternating keeps it from always weighing on the same side.
   */
  private static Wrk.Result[] measurePair(Wrk wrk, String a, String b, int seconds)
      throws IOException, InterruptedException {
    wrk.run(a, WARMUP_SECONDS);
    wrk.run(b, WARMUP_SECONDS);
    List<Wrk.Result> as = new ArrayList<>();
    List<Wrk.Result> bs = new ArrayList<>();
    for (int i = 0; i < ROUNDS; i++) {
      as.add(wrk.run(a, seconds));
      bs.add(wrk.run(b, seconds));
    }
    return new Wrk.Result[] {median(as), median(bs)};
  }

  private static Wrk.Result median(List<Wrk.Result> runs) {
    List<Wrk.Result> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingDouble(Wrk.Result::requestsPerSecond));
    return sorted.get(sorted.size() / 2);
  }

  private static void report(BenchContext context, String what, Wrk.Result r) {
    context.add(Figure.info(NAME, what + ": throughput", r.requestsPerSecond(), "req/s"));
    context.add(Figure.info(NAME, what + ": p50", r.p50Millis(), "ms"));
    context.add(Figure.info(NAME, what + ": p99", r.p99Millis(), "ms"));
    if (r.non2xx() > 0) {
      context.report().note("api: " + what + " had " + r.non2xx() + " non-2xx answers");
    }
  }

  private static String get(HttpClient http, String url) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + url + " answered " + r.statusCode());
    }
    return r.body();
  }

  /** The settings of an orchestrator that reaches the emulator (in process or not) as it would Azure. */
  static Map<String, String> variables(ArmSite arm, Path dir) {
    var target = arm.target();
    var connection = arm.connection();
    return Map.ofEntries(
        Map.entry("ARCAL_PLATFORM", "azure"),
        Map.entry("ARCAL_HTTP_HOST", "127.0.0.1"),
        Map.entry("ARCAL_HTTP_PORT", "0"),
        Map.entry("ARCAL_STATE_FILE", dir.resolve("desired-state.json").toString()),
        Map.entry("ARCAL_FLEET", "bench-api"),
        Map.entry("ARCAL_ENGINE_IMAGE", "arcal/engine:local"),
        Map.entry(
            "ARCAL_ENGINE_HOSTS_FILE",
            arm.hostsFile(Environments.defaultDomain(target.resourceGroup())).toString()),
        Map.entry("AZURE_SUBSCRIPTION_ID", target.subscriptionId()),
        Map.entry("AZURE_RESOURCE_GROUP", target.resourceGroup()),
        Map.entry("AZURE_LOCATION", target.location()),
        Map.entry("ARCAL_CONTAINERAPPS_ENVIRONMENT_ID", target.environmentId()),
        Map.entry("ARCAL_ARM_ENDPOINT", connection.endpoint().orElseThrow().toString()),
        Map.entry("ARCAL_ARM_CA_FILE", connection.caFile().orElseThrow().toString()),
        Map.entry("ARCAL_ARM_STATIC_TOKEN", connection.staticToken().orElseThrow()),
        // As Azure tells every app: the orchestrator runs inside the environment of its engines.
        Map.entry(
            "CONTAINER_APP_ENV_DNS_SUFFIX", Environments.defaultDomain(target.resourceGroup())));
  }
}
