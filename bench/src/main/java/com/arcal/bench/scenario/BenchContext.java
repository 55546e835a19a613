package com.arcal.bench.scenario;

import com.arcal.bench.BenchOptions;
import com.arcal.bench.report.Figure;
import com.arcal.bench.report.Report;
import com.arcal.bench.rig.ControllerRig;
import com.arcal.bench.rig.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What scenarios share: the options, the report, a scratch folder, and the converged fleet that
 * the cold convergence leaves behind for steady state, change latency and self-heal (converged
 * once, reused, closed at the end).
 */
public final class BenchContext implements AutoCloseable {
  private final BenchOptions options;
  private final Report report;
  private final Path scratch;
  private ConvergedFleet fleet;
  private boolean steadyController;

  public BenchContext(BenchOptions options, Report report, Path scratch) {
    this.options = options;
    this.report = report;
    this.scratch = scratch;
  }

  public BenchOptions options() {
    return options;
  }

  public Report report() {
    return report;
  }

  public void add(Figure figure) {
    report.add(figure);
  }

  /** A fresh folder below the scratch folder. */
  public Path folder(String name) {
    try {
      return Files.createDirectories(scratch.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when a later scenario will want the converged fleet of {@code size}. */
  boolean fleetWanted(int size) {
    return size == options.fleetSize()
        && (options.runs("steady") || options.runs("change") || options.runs("heal"));
  }

  /** Keeps a converged fleet for the scenarios that follow. */
  void keep(ConvergedFleet converged) {
    closeFleet();
    this.fleet = converged;
    this.steadyController = false;
  }

  /** Drops the shared fleet now (e.g. to give its memory to the next scenario). */
  void closeFleet() {
    if (fleet != null) {
      fleet.close();
      fleet = null;
    }
  }

  /**
   * The converged fleet driven by a controller with the short steady-state resync period. The
   * first call converges it if the cold scenario did not, then restarts the controller with that
   * period, which is itself measured: a restarted controller must rebuild its view without
   * changing anything (no PUT, PATCH or DELETE); its only POSTs are one listSecrets per app, to
   * read back the engine tokens it cannot see in a GET (ARM counts a POST as a write).
   */
  ConvergedFleet steadyFleet() {
    if (fleet == null) {
      keep(ColdConvergence.converge(this, options.fleetSize()).fleet().orElseThrow());
    }
    if (!steadyController) {
      restartController();
      steadyController = true;
    }
    return fleet;
  }

  private void restartController() {
    fleet.controller().close();
    long writesBefore = ArmCounts.writes(fleet.arm());
    long changesBefore = ArmCounts.changes(fleet.arm());
    long start = System.nanoTime();
    ControllerRig next = ControllerRig.start(fleet.arm(), fleet.store(), options.resync());
    fleet.replaceController(next);
    int n = fleet.sales().size();
    long done =
        Waits.until("all sales Running after a controller restart",
            () -> next.runningCount() == n, Duration.ofMillis(20), Duration.ofMinutes(5));
    add(Figure.info("steady", "controller restart on converged N=" + n + ": time to all Running",
        Waits.seconds(start, done), "s"));
    add(Figure.atMost("steady", "controller restart: ARM writes (listSecrets, one per app)",
        ArmCounts.writes(fleet.arm()) - writesBefore, "", n));
    add(Figure.atMost("steady", "controller restart: PUT, PATCH, DELETE", ArmCounts.changes(fleet.arm()) - changesBefore,
        "", 0));
  }

  Optional<ConvergedFleet> fleet() {
    return Optional.ofNullable(fleet);
  }

  @Override
  public void close() {
    closeFleet();
  }
}
