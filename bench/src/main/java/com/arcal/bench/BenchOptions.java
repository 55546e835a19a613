package com.arcal.bench;

import com.arcal.bench.rig.EmulatedArm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What to run. Every option has a default that finishes in a few minutes on 2 cores.
 *
 * @param scenarios scenario names to run, in this order
 * @param sizes fleet sizes of the cold convergence
 * @param latency the emulator's provisioning latency L
 * @param fleetSize converged fleet for steady state, change latency, self-heal, the API and scale
 * @param resync resync period of the steady-state controller
 * @param resyncs resync periods measured in steady state
 * @param crashes engines crashed by the self-heal scenario
 * @param memorySizes desired sales at which memory is measured
 * @param wrkSeconds duration of each wrk run
 * @param burst concurrent spawns of the burst scenario
 * @param out folder of the JSON results
 * @param subscriptions subscriptions of the multi-subscription and scale scenarios
 * @param environments environments of the scale scenario, round robin over the subscriptions (0:
 *     one per subscription)
 * @param environmentCores each environment's core quota in the scale scenario
 */
public record BenchOptions(
    List<String> scenarios,
    List<Integer> sizes,
    Duration latency,
    int fleetSize,
    Duration resync,
    int resyncs,
    int crashes,
    List<Integer> memorySizes,
    int wrkSeconds,
    int burst,
    Path out,
    int subscriptions,
    int environments,
    int environmentCores) {

  public static final List<String> ALL = List.of("cold", "steady", "change", "heal", "api", "burst", "warm", "memory");
  /**
   * Scenarios run only when named: scale needs the machine's engine ports (the shared runtime),
   * multisub is the multi-subscription convergence.
   */
  public static final List<String> OPT_IN = List.of("scale", "multisub");

  public BenchOptions {
    scenarios = List.copyOf(scenarios);
    for (String s : scenarios) {
      if (!ALL.contains(s) && !OPT_IN.contains(s)) {
        throw new IllegalArgumentException("unknown scenario '" + s + "'; known: "
            + String.join(", ", ALL) + ", " + String.join(", ", OPT_IN));
      }
    }
    sizes = List.copyOf(sizes);
    memorySizes = List.copyOf(memorySizes);
    if (sizes.stream().anyMatch(n -> n < 1) || fleetSize < 1 || resyncs < 1 || crashes < 1 || wrkSeconds < 1
        || burst < 1 || subscriptions < 1 || environmentCores < 1) {
      throw new IllegalArgumentException(
          "sizes, fleet, resyncs, crashes, wrk seconds, burst, subscriptions and cores must be positive");
    }
    if (environments != 0 && environments < subscriptions) {
      throw new IllegalArgumentException("--environments (" + environments
          + ") must be at least --subscriptions (" + subscriptions + "), or 0 for one per subscription");
    }
  }

  public static BenchOptions defaults() {
    return new BenchOptions(ALL, List.of(100, 1000), Duration.ofSeconds(2), 1000, Duration.ofSeconds(5), 5, 50,
        List.of(0, 1000, 10000), 10, 300, Path.of("bench-results"), 3, 0, EmulatedArm.ENVIRONMENT_CORES);
  }

  public static String usage() {
    return String.join("\n",
        "usage: java -jar bench/target/arcal-bench.jar [options]",
        "  --scenario NAME   run only this scenario (repeatable): " + String.join(", ", ALL)
            + "; and, only when named: scale (--fleet sales on the shared engine runtime),"
            + " multisub (cold convergence over --subscriptions K)",
        "  --sizes 100,1000  cold-convergence fleet sizes (add 5000 if memory allows)",
        "  --latency SEC     emulator provisioning latency L (default 2; Azure's is about 13)",
        "  --fleet N         converged fleet for steady, change, heal, api and scale (default 1000)",
        "  --resync SEC      steady-state resync period (default 5)",
        "  --crashes K       engines crashed by the heal scenario (default 50)",
        "  --memory-sizes 0,1000,10000   desired sales at which memory is measured",
        "  --wrk-seconds S   duration of each wrk run (default 10)",
        "  --burst N         concurrent POST /sales/spawn of the burst scenario (default 300)",
        "  --out DIR         where the JSON results go (default bench-results)",
        "  --subscriptions K subscriptions of --scenario multisub and scale (default 3)",
        "  --environments E  environments of --scenario scale, round robin over the subscriptions"
            + " (default: one per subscription)",
        "  --environment-cores C  each environment's core quota in --scenario scale (default 5000)");
  }

  /** Parses the command line; throws IllegalArgumentException with a one-line reason. */
  public static BenchOptions parse(String[] args) {
    BenchOptions d = defaults();
    List<String> scenarios = new ArrayList<>();
    List<Integer> sizes = d.sizes();
    Duration latency = d.latency();
    int fleet = d.fleetSize();
    Duration resync = d.resync();
    int crashes = d.crashes();
    List<Integer> memory = d.memorySizes();
    int wrk = d.wrkSeconds();
    int burst = d.burst();
    Path out = d.out();
    int subscriptions = d.subscriptions();
    int environments = d.environments();
    int cores = d.environmentCores();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args[++i];
      switch (flag) {
        case "--scenario" -> scenarios.addAll(Arrays.asList(value.toLowerCase(Locale.ROOT).split(",")));
        case "--sizes" -> sizes = integers(flag, value);
        case "--latency" -> latency = Duration.ofMillis((long) (number(flag, value) * 1000));
        case "--fleet" -> fleet = (int) number(flag, value);
        case "--resync" -> resync = Duration.ofMillis((long) (number(flag, value) * 1000));
        case "--crashes" -> crashes = (int) number(flag, value);
        case "--memory-sizes" -> memory = integers(flag, value);
        case "--wrk-seconds" -> wrk = (int) number(flag, value);
        case "--burst" -> burst = (int) number(flag, value);
        case "--out" -> out = Path.of(value);
        case "--subscriptions" -> subscriptions = (int) number(flag, value);
        case "--environments" -> environments = (int) number(flag, value);
        case "--environment-cores" -> cores = (int) number(flag, value);
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    return new BenchOptions(scenarios.isEmpty() ? ALL : scenarios, sizes, latency, fleet, resync, d.resyncs(),
        crashes, memory, wrk, burst, out, subscriptions, environments, cores);
  }

  private static List<Integer> integers(String flag, String value) {
    List<Integer> list = new ArrayList<>();
    for (String part : value.split(",")) {
      list.add((int) number(flag, part));
    }
    return list;
  }

  private static double number(String flag, String value) {
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " expects a number, got '" + value + "'");
    }
  }

  /** Environments of the scale scenario: {@code --environments}, or one per subscription. */
  public int scaleEnvironments() {
    return environments == 0 ? subscriptions : environments;
  }

  public boolean runs(String scenario) {
    return scenarios.contains(scenario);
  }
}
