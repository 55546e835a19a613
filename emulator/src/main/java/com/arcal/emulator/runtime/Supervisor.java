package com.arcal.emulator.runtime;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one replica per app running, whatever its containers are: starts instances through a
 * {@link ContainerFactory}, probes them ({@link Prober}), restarts crashed ones and those whose
 * liveness or startup probe failed with {@link Backoff}, replaces them on a new revision and stops
 * them on removal.
 *
 * <p>Scales to thousands of apps: no thread per app. One small scheduled pool runs backoff timers
 * and starts, a second one runs probe attempts (which may block up to their timeout on a hung
 * container), a third fixed pool runs graceful stops; deaths arrive through
 * {@link Container#onExit()} futures.
 */
final class Supervisor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

  /** Extra wait, beyond the stop grace, for a killed instance to be reported dead. */
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);
  private static final int STOP_THREADS = 16;

  private final ContainerFactory factory;
  private final ReplicaObserver observer;
  private final RuntimeSettings settings;
  private final Backoff backoff;
  private final Clock clock;
  private final RandomGenerator random;
  private final ScheduledThreadPoolExecutor executor;
  /** Probe attempts only, so that hung containers delay no restart, stop or kill timer. */
  private final ScheduledThreadPoolExecutor prober;
  private final ProbeChecker probeChecker;
  /**
   * Graceful stops only: they mostly wait (an engine's close lets calls finish), so they get more
   * threads than the main pool, still a fixed number whatever the count of apps.
   */
  private final ThreadPoolExecutor stopper;
  private final ScheduledFuture<?> sweep;
  private final ConcurrentMap<String, Replica> replicas = new ConcurrentHashMap<>();
  /** Apps whose previous replica is still stopping; a successor starts only once it is gone. */
  private final ConcurrentMap<String, CompletableFuture<Void>> departing = new ConcurrentHashMap<>();
  private volatile boolean closed;

  Supervisor(
      ContainerFactory factory,
      ReplicaObserver observer,
      RuntimeSettings settings,
      Clock clock,
      RandomGenerator random) {
    this(factory, observer, settings, clock, random, new NetworkProbes());
  }

  /** As above, with probe attempts made by {@code probeChecker} (tests answer them). */
  Supervisor(
      ContainerFactory factory,
      ReplicaObserver observer,
      RuntimeSettings settings,
      Clock clock,
      RandomGenerator random,
      ProbeChecker probeChecker) {
    this.factory = factory;
    this.probeChecker = probeChecker;
    this.observer = observer;
    this.settings = settings;
    this.backoff = Backoff.of(settings);
    this.clock = clock;
    this.random = random;
    this.executor = new ScheduledThreadPoolExecutor(
        Math.max(4, 2 * Runtime.getRuntime().availableProcessors()),
        new ThreadFactoryBuilder().setNameFormat("container-runtime-%d").setDaemon(true).build());
    executor.setRemoveOnCancelPolicy(true);
    // Once closed, every replica is dead; pending timers (probes, forced kills) have nothing to do.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.prober = new ScheduledThreadPoolExecutor(
        Math.max(8, 4 * Runtime.getRuntime().availableProcessors()),
        new ThreadFactoryBuilder().setNameFormat("container-probe-%d").setDaemon(true).build());
    prober.setRemoveOnCancelPolicy(true);
    prober.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    long sweepMillis = Math.max(1000, settings.probeInterval().toMillis());
    this.stopper = new ThreadPoolExecutor(STOP_THREADS, STOP_THREADS, 10, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(),
        new ThreadFactoryBuilder().setNameFormat("container-stop-%d").setDaemon(true).build());
    stopper.allowCoreThreadTimeOut(true);
    this.sweep = executor.scheduleWithFixedDelay(
        this::pollAll, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
  }

  void ensureRunning(ContainerSpec spec) {
    checkOpen();
    // A replica being retired refuses the spec; it leaves the map right after, so retry.
    while (!replicas.computeIfAbsent(spec.appName(), this::newReplica).ensure(spec)) {
      Thread.onSpinWait();
    }
  }

  /** Supervises an instance started by an earlier run, keeping that replica's identity. */
  void adopt(ContainerSpec spec, Container container, ReplicaIdentity identity, int restartCount) {
    checkOpen();
    Replica replica = newReplica(spec.appName());
    if (replicas.putIfAbsent(spec.appName(), replica) != null) {
      throw new IllegalStateException(spec.appName() + " is already supervised");
    }
    replica.adopt(spec, container, identity, restartCount);
  }

  boolean supervises(String appName) {
    return replicas.containsKey(appName);
  }

  Set<String> apps() {
    return Set.copyOf(replicas.keySet());
  }

  Optional<ReplicaStatus> replica(String appName) {
    return Optional.ofNullable(replicas.get(appName)).map(Replica::status);
  }

  void restart(String appName) {
    Optional.ofNullable(replicas.get(appName)).ifPresent(Replica::restart);
  }

  void crash(String appName) {
    Optional.ofNullable(replicas.get(appName)).ifPresent(Replica::crash);
  }

  /** OS processes of the current instances, for telling them from orphans. */
  List<ProcessHandle> processes() {
    List<ProcessHandle> processes = new ArrayList<>();
    replicas.values().forEach(replica -> replica.process().ifPresent(processes::add));
    return processes;
  }

  /** Stops and forgets these apps' replicas; returns once their instances are dead. */
  void removeAll(Collection<String> appNames) {
    List<CompletableFuture<Void>> gone = new ArrayList<>();
    for (String appName : appNames) {
      Replica replica = replicas.get(appName);
      if (replica == null) {
        continue;
      }
      CompletableFuture<Void> replicaGone = replica.retire();
      departing.put(appName, replicaGone);
      replicaGone.whenComplete((ignored, error) -> departing.remove(appName, replicaGone));
      observer.removed(appName);
      replicas.remove(appName, replica);
      gone.add(replicaGone);
    }
    await(CompletableFuture.allOf(gone.toArray(CompletableFuture[]::new)));
  }

  @Override
  public void close() {
    closed = true;
    removeAll(apps());
    sweep.cancel(false);
    prober.shutdownNow();
    stopper.shutdown();
    executor.shutdown();
    try {
      if (!executor.awaitTermination(settings.stopGrace().plus(KILL_WAIT).toMillis(), TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void await(CompletableFuture<Void> gone) {
    try {
      gone.get(settings.stopGrace().plus(KILL_WAIT).toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("Some containers did not report their death in time", e);
    }
  }

  private Replica newReplica(String appName) {
    return new Replica(this, appName, departing.getOrDefault(appName, CompletableFuture.completedFuture(null)));
  }

  private void pollAll() {
    replicas.values().forEach(Replica::poll);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the container runtime is closed");
    }
  }

  // Collaborators for Replica, which runs all its transitions through this supervisor.

  ContainerFactory factory() {
    return factory;
  }

  ReplicaObserver observer() {
    return observer;
  }

  Backoff backoff() {
    return backoff;
  }

  Duration probeInterval() {
    return settings.probeInterval();
  }

  Duration stopGrace() {
    return settings.stopGrace();
  }

  Instant now() {
    return clock.instant();
  }

  ReplicaIdentity newIdentity(String revisionName) {
    return ReplicaIdentity.create(revisionName, now(), random);
  }

  /** Runs on the pool; inline once the pool is shut down, so that late exits are still seen. */
  void execute(Runnable task) {
    try {
      executor.execute(guarded(task));
    } catch (RejectedExecutionException e) {
      guarded(task).run();
    }
  }

  /** Runs a graceful stop, which may block for a while, off the main pool. */
  void stop(Container container) {
    try {
      stopper.execute(guarded(container::terminate));
    } catch (RejectedExecutionException e) {
      guarded(container::terminate).run();
    }
  }

  ProbeChecker probeChecker() {
    return probeChecker;
  }

  /** Schedules one probe attempt on the probe pool; null once the runtime is closed. */
  ScheduledFuture<?> scheduleProbe(Runnable attempt, Duration delay) {
    try {
      return prober.schedule(guarded(attempt), delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      return null;
    }
  }

  ScheduledFuture<?> schedule(Runnable task, Duration delay) {
    try {
      return executor.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      return null;
    }
  }

  Executor executor() {
    return this::execute;
  }

  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.error("Container runtime task failed", e);
      }
    };
  }
}
