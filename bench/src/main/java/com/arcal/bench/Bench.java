package com.arcal.bench;

import com.arcal.bench.report.Report;
import com.arcal.bench.scenario.ApiLoad;
import com.arcal.bench.scenario.BenchContext;
import com.arcal.bench.scenario.BurstSpawn;
import com.arcal.bench.scenario.ChangeLatency;
import com.arcal.bench.scenario.ColdConvergence;
import com.arcal.bench.scenario.MemoryFootprint;
import com.arcal.bench.scenario.MultiSubscription;
import com.arcal.bench.scenario.ScaleConvergence;
import com.arcal.bench.scenario.Scenario;
import com.arcal.bench.scenario.SelfHeal;
import com.arcal.bench.scenario.SteadyState;
import com.arcal.bench.scenario.WarmSpawn;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code java -jar bench/target/arcal-bench.jar [--scenario NAME ...]}: runs the selected
 * scenarios against the in-process emulator, prints a table and writes
 * {@code bench-results/<timestamp>.json}. Not a test: figures are measured, not asserted.
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws IOException {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("arcal-bench: " + e.getMessage());
      System.err.println(BenchOptions.usage());
      System.exit(2);
      return;
    }
    Instant at = Instant.now();
    Report report = run(options, System.out);
    System.out.println();
    report.printTable(System.out);
    Path file = report.writeJson(options.out(), at, context(options, args, at));
    System.out.println("results written to " + file);
    // Engines, gRPC and HTTP client threads may linger briefly after close; the run is over.
    System.exit(0);
  }

  /**
   * Runs the selected scenarios in their canonical order; a failing scenario is noted, the rest
   * run. Memory goes first: a JVM's resident size does not shrink back after the big fleets.
   */
  public static Report run(BenchOptions options, PrintStream log) throws IOException {
    Report report = new Report();
    Map<String, Scenario> known =
        Stream.of(new MemoryFootprint(), new ColdConvergence(), new SteadyState(), new ChangeLatency(),
                new SelfHeal(), new ApiLoad(), new BurstSpawn(), new ScaleConvergence(), new MultiSubscription(),
                new WarmSpawn())
            .collect(Collectors.toMap(Scenario::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    Path scratch = Files.createTempDirectory("arcal-bench-");
    try (BenchContext context = new BenchContext(options, report, scratch)) {
      for (Scenario scenario : known.values()) {
        if (!options.runs(scenario.name())) {
          continue;
        }
        log.println("== " + scenario.name() + " ==");
        long start = System.nanoTime();
        try {
          scenario.run(context);
        } catch (Exception e) {
          report.note(scenario.name() + " failed: " + e);
          e.printStackTrace(log);
        }
        log.printf("   %s took %.1f s%n", scenario.name(), (System.nanoTime() - start) / 1e9);
      }
    } finally {
      deleteQuietly(scratch);
    }
    return report;
  }

  private static Map<String, Object> context(BenchOptions options, String[] args, Instant at) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("startedAt", at.toString());
    c.put("command", "java -jar bench/target/arcal-bench.jar " + String.join(" ", args));
    c.put("machine", Machine.describe());
    c.put("options", options);
    return c;
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> paths = walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
      for (Path p : paths) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // scratch left in the temporary folder
    }
  }
}
