package com.arcal.emulator;

import com.arcal.emulator.runtime.ContainerRuntime;
import com.arcal.emulator.runtime.ContainerSpec;
import com.arcal.emulator.runtime.ReplicaStatus;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one hand-written fake of {@link ContainerRuntime} for the ARM layer's tests: records every
 * call and keeps one replica per app whose state a test can set (e.g. to show a crash loop).
 */
public final class FakeContainerRuntime implements ContainerRuntime {
  private final Clock clock;
  private final List<ContainerSpec> ensured = new CopyOnWriteArrayList<>();
  private final List<String> restarted = new CopyOnWriteArrayList<>();
  private final List<String> removed = new CopyOnWriteArrayList<>();
  private final List<Set<String>> retained = new CopyOnWriteArrayList<>();
  private final Map<String, ReplicaStatus> replicas = new ConcurrentHashMap<>();
  private volatile RuntimeException ensureFailure;
  private volatile boolean closed;

  public FakeContainerRuntime() {
    this(Clock.systemUTC());
  }

  public FakeContainerRuntime(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void ensureRunning(ContainerSpec spec) {
    ensured.add(spec);
    RuntimeException failure = ensureFailure;
    if (failure != null) {
      throw failure;
    }
    replicas.compute(
        spec.appName(),
        (app, current) ->
            current != null && current.revisionName().equals(spec.revisionName())
                ? current
                : new ReplicaStatus(
                    spec.revisionName() + "-5f7c9b8d4-x2k9q",
                    spec.revisionName(),
                    ReplicaStatus.State.RUNNING,
                    0,
                    clock.instant(),
                    null));
  }

  @Override
  public void restart(String appName) {
    restarted.add(appName);
    replicas.computeIfPresent(
        appName,
        (app, r) -> with(r, ReplicaStatus.State.RUNNING, r.restartCount() + 1, "Restarted"));
  }

  @Override
  public void remove(String appName) {
    removed.add(appName);
    replicas.remove(appName);
  }

  @Override
  public Optional<ReplicaStatus> replica(String appName) {
    return Optional.ofNullable(replicas.get(appName));
  }

  @Override
  public void crash(String appName) {
    replicas.computeIfPresent(
        appName,
        (app, r) ->
            with(r, ReplicaStatus.State.WAITING, r.restartCount() + 1, "Error: exit code 137"));
  }

  @Override
  public void retainOnly(Set<String> appNames) {
    retained.add(Set.copyOf(appNames));
    replicas.keySet().retainAll(appNames);
  }

  @Override
  public void close() {
    closed = true;
    replicas.clear();
  }

  /** Puts the app's replica in {@code state}, as the supervisor would after observing it. */
  public void setState(String appName, ReplicaStatus.State state) {
    replicas.computeIfPresent(
        appName, (app, r) -> with(r, state, r.restartCount(), r.lastExitReason()));
  }

  /** Makes every later {@link #ensureRunning} fail with {@code failure} (null to stop). */
  public void failEnsureRunning(RuntimeException failure) {
    this.ensureFailure = failure;
  }

  public List<ContainerSpec> ensured() {
    return List.copyOf(ensured);
  }

  public List<ContainerSpec> ensured(String appName) {
    return ensured.stream().filter(s -> s.appName().equals(appName)).toList();
  }

  public List<String> restarted() {
    return List.copyOf(restarted);
  }

  public List<String> removed() {
    return List.copyOf(removed);
  }

  public List<Set<String>> retained() {
    return List.copyOf(retained);
  }

  public boolean closed() {
    return closed;
  }

  private static ReplicaStatus with(
      ReplicaStatus r, ReplicaStatus.State state, int restarts, String reason) {
    return new ReplicaStatus(r.name(), r.revisionName(), state, restarts, r.createdAt(), reason);
  }
}
