package com.arcal.emulator.runtime;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Runs each app as one OS process (a JVM for the engine image), supervised by a {@link Supervisor}.
 *
 * <p>Survives the death of its host JVM: every process is recorded in {@code replicas.json} and
 * marked with its app and the data folder (see {@link ProcessMarker}). A new runtime on the same
 * data folder adopts the recorded process of an app whose revision is unchanged, replaces it
 * otherwise, and stops any other marked process of that app before starting one, so that exactly
 * one process per running app carries the app's name. {@link #retainOnly} and {@link #close} stop
 * the marked processes no retained app owns.
 */
final class ProcessRuntime extends SupervisedRuntime {

  private final RuntimeSettings settings;
  private final ProcessMarker marker;
  private final ReplicaRecords records;
  /** Marked processes found at start-up that no replica has claimed yet, by app. */
  private final Map<String, List<ProcessHandle>> leftovers;

  ProcessRuntime(RuntimeSettings settings, Clock clock, RandomGenerator random) {
    this(settings, new ProcessMarker(settings.dataDir()), clock, random);
  }

  private ProcessRuntime(
      RuntimeSettings settings, ProcessMarker marker, Clock clock, RandomGenerator random) {
    this(settings, marker, new ReplicaRecords(runtimeDir(marker).resolve("replicas.json")), clock, random);
  }

  private ProcessRuntime(
      RuntimeSettings settings,
      ProcessMarker marker,
      ReplicaRecords records,
      Clock clock,
      RandomGenerator random) {
    super(
        new Supervisor(
            new ProcessLauncher(
                settings.imageCommands(), marker, runtimeDir(marker).resolve("logs"), clock),
            records,
            settings,
            clock,
            random));
    this.settings = settings;
    this.marker = marker;
    this.records = records;
    this.leftovers = marker.scan();
  }

  private static Path runtimeDir(ProcessMarker marker) {
    return marker.dataDir().resolve("runtime");
  }

  @Override
  public void ensureRunning(ContainerSpec spec) {
    synchronized (this) {
      if (!supervisor.supervises(spec.appName())) {
        claimLeftovers(spec);
      }
    }
    supervisor.ensureRunning(spec);
  }

  /**
   * Adopts the recorded process of the app if it still lives (a different revision is then
   * replaced gracefully by the supervisor) and stops every other process marked with the app.
   */
  private void claimLeftovers(ContainerSpec spec) {
    List<ProcessHandle> found = new ArrayList<>(leftovers.getOrDefault(spec.appName(), List.of()));
    leftovers.remove(spec.appName());
    Optional<ReplicaRecords.Entry> entry = records.get(spec.appName());
    Optional<ProcessHandle> adoptable = entry.flatMap(recorded -> found.stream()
        .filter(process -> process.isAlive() && recorded.isProcess(process))
        .findFirst());
    adoptable.ifPresent(found::remove);
    Processes.stop(found, settings.stopGrace());
    if (adoptable.isPresent()) {
      ReplicaRecords.Entry recorded = entry.get();
      ContainerSpec adoptedSpec = new ContainerSpec(spec.appName(), recorded.revision(), spec.image(),
          spec.bindHost(), spec.env(), spec.ports(), spec.probes());
      supervisor.adopt(adoptedSpec, ProcessContainer.adopted(adoptable.get(), adoptedSpec),
          recorded.identity(), recorded.restartCount());
    }
  }

  @Override
  public void remove(String appName) {
    supervisor.removeAll(List.of(appName));
    List<ProcessHandle> unclaimed;
    synchronized (this) {
      unclaimed = Optional.ofNullable(leftovers.remove(appName)).orElse(List.of());
    }
    Processes.stop(unclaimed, settings.stopGrace());
    records.removed(appName);
  }

  @Override
  public void retainOnly(Set<String> appNames) {
    supervisor.removeAll(supervisor.apps().stream()
        .filter(app -> !appNames.contains(app))
        .collect(Collectors.toSet()));
    synchronized (this) {
      leftovers.clear();
    }
    records.retainOnlyWhere(supervisor::supervises);
    stopOrphans();
  }

  @Override
  public void close() {
    supervisor.close();
    synchronized (this) {
      leftovers.clear();
    }
    stopOrphans();
  }

  /**
   * Stops every process marked with this data folder that is not a supervised replica's current
   * process. The scan comes first: a process it sees was started by a launch that has finished,
   * or that holds its replica's lock, which {@link Supervisor#processes()} waits for.
   */
  private void stopOrphans() {
    List<ProcessHandle> marked = marker.scan().values().stream().flatMap(List::stream).toList();
    Set<Long> supervised = supervisor.processes().stream()
        .map(ProcessHandle::pid)
        .collect(Collectors.toSet());
    Processes.stop(
        marked.stream().filter(process -> !supervised.contains(process.pid())).toList(),
        settings.stopGrace());
  }
}
