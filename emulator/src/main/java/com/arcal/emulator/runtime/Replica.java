package com.arcal.emulator.runtime;

import com.arcal.emulator.runtime.ReplicaStatus.State;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One app's replica: the state machine that keeps exactly one container instance of the desired
 * spec alive. Every transition happens under this object's monitor; slow work (starting, stopping,
 * probing) runs on the supervisor's pools, and readers see an immutable {@link ReplicaStatus}.
 *
 * <p>Invariants: at most one live instance ({@code container}), probed by {@code prober};
 * {@code stopRequested} is true only while that instance is being stopped on purpose, so its death
 * is not counted as a crash, unless {@code probeFailure} says a failed probe stopped it (then it
 * is, as the kubelet counts a liveness kill); {@code ready} is false whenever the state is not
 * RUNNING; a replica is {@code retired} for good, after which {@code gone} completes once no
 * instance lives.
 */
final class Replica implements Prober.Listener {

  private static final Logger LOG = LoggerFactory.getLogger(Replica.class);

  private final Supervisor supervisor;
  private final String appName;
  /** Completes when the app's previous replica, if any, has no live instance left. */
  private final CompletableFuture<Void> predecessorGone;
  private final CompletableFuture<Void> gone = new CompletableFuture<>();

  private ContainerSpec desired;
  private boolean retired;
  private ReplicaIdentity identity;
  private int restartCount;
  private String lastExitReason;
  private State state = State.STARTING;
  private Container container;
  private ContainerSpec containerSpec;
  private boolean stopRequested;
  private boolean restartRequested;
  private boolean launchQueued;
  private int consecutiveCrashes;
  private Instant runningSince;
  private ScheduledFuture<?> backoffTimer;
  private Prober prober;
  private boolean ready;
  /** Why the instance being stopped failed its probe; null for a stop on purpose. */
  private String probeFailure;
  private volatile ReplicaStatus status;

  Replica(Supervisor supervisor, String appName, CompletableFuture<Void> predecessorGone) {
    this.supervisor = supervisor;
    this.appName = appName;
    this.predecessorGone = predecessorGone;
  }

  ReplicaStatus status() {
    return status;
  }

  /** Makes the replica run {@code spec}; false if it is retired and the caller needs a new one. */
  synchronized boolean ensure(ContainerSpec spec) {
    if (retired) {
      return false;
    }
    if (spec.equals(desired)) {
      return true;
    }
    if (identity == null || !identity.revisionName().equals(spec.revisionName())) {
      // A new revision gets a new replica, as in Azure's single revision mode.
      identity = supervisor.newIdentity(spec.revisionName());
      restartCount = 0;
      lastExitReason = null;
      consecutiveCrashes = 0;
      cancelBackoff();
      state = State.STARTING;
    }
    desired = spec;
    converge();
    publish();
    return true;
  }

  /** Takes over a live instance of {@code spec} started by an earlier run. */
  synchronized void adopt(ContainerSpec spec, Container adopted, ReplicaIdentity adoptedIdentity, int restarts) {
    if (!spec.revisionName().equals(adoptedIdentity.revisionName())) {
      throw new IllegalArgumentException("the adopted spec must be of revision " + adoptedIdentity.revisionName());
    }
    desired = spec;
    identity = adoptedIdentity;
    restartCount = restarts;
    attach(adopted, spec);
    publish();
  }

  synchronized void restart() {
    if (retired || desired == null) {
      return;
    }
    consecutiveCrashes = 0;
    if (container != null) {
      restartRequested = true;
      requestStop();
    } else if (backoffTimer != null) {
      cancelBackoff();
      restartCount++;
      queueLaunch();
    }
    publish();
  }

  void crash() {
    Container victim;
    synchronized (this) {
      victim = stopRequested ? null : container;
    }
    if (victim != null) {
      victim.kill();
    }
  }

  /** Retires the replica for good; the future completes once its instance is dead. */
  synchronized CompletableFuture<Void> retire() {
    retired = true;
    desired = null;
    restartRequested = false;
    cancelBackoff();
    converge();
    publish();
    return gone;
  }

  synchronized Optional<ProcessHandle> process() {
    return container == null ? Optional.empty() : container.process();
  }

  void poll() {
    Container current;
    synchronized (this) {
      current = container;
    }
    if (current != null) {
      current.poll();
    }
  }

  /** Moves one step towards "exactly one live instance of the desired spec". */
  private void converge() {
    if (container != null) {
      if (desired == null || restartRequested || !desired.equals(containerSpec)) {
        requestStop();
      }
      return;
    }
    if (desired == null) {
      state = State.TERMINATED;
      gone.complete(null);
    } else if (backoffTimer == null) {
      queueLaunch();
    }
  }

  private void queueLaunch() {
    state = State.STARTING;
    if (!launchQueued) {
      launchQueued = true;
      predecessorGone.thenRunAsync(this::launch, supervisor.executor());
    }
  }

  private synchronized void launch() {
    launchQueued = false;
    if (container != null || desired == null) {
      return;
    }
    ContainerSpec spec = desired;
    Container started;
    try {
      started = supervisor.factory().start(spec, identity.name());
    } catch (Exception e) {
      LOG.warn("Cannot start {} ({}): {}", appName, identity.name(), e.toString());
      crashed("Failed to start: " + e.getMessage());
      return;
    }
    attach(started, spec);
    publish();
    supervisor.observer().launched(appName, status, started);
  }

  private void attach(Container started, ContainerSpec spec) {
    container = started;
    containerSpec = spec;
    stopRequested = false;
    probeFailure = null;
    state = State.STARTING;
    ready = false;
    runningSince = null;
    started.onExit().whenComplete((reason, error) ->
        supervisor.execute(() -> exited(started, reason == null ? "Exited" : reason)));
    prober = new Prober(supervisor, started, spec, this);
    prober.start();
  }

  /** The first time the instance is ready it is RUNNING; after that readiness only sets ready. */
  @Override
  public synchronized void readiness(Prober reporter, boolean nowReady) {
    if (reporter != prober || stopRequested) {
      return;
    }
    if (nowReady && state == State.STARTING) {
      state = State.RUNNING;
      runningSince = supervisor.now();
    }
    ready = nowReady;
    publish();
  }

  /** A failed startup or liveness probe: stop the instance, then restart it as after a crash. */
  @Override
  public synchronized void failed(Prober reporter, ProbeSpec probe, String reason) {
    if (reporter != prober || stopRequested) {
      return;
    }
    LOG.info("{} ({}): {}; restarting it", appName, identity.name(), reason);
    probeFailure = reason;
    requestStop(probe.terminationGrace().orElse(supervisor.stopGrace()));
    publish();
  }

  private synchronized void exited(Container dead, String reason) {
    if (dead != container) {
      return;
    }
    ContainerSpec deadSpec = containerSpec;
    container = null;
    containerSpec = null;
    stopProber();
    if (stopRequested) {
      stopRequested = false;
      String failedProbe = probeFailure;
      probeFailure = null;
      if (restartRequested) {
        restartRequested = false;
        restartCount++;
        converge();
      } else if (failedProbe != null && deadSpec.equals(desired)) {
        // Still the spec to run (not retired, no new revision meanwhile): a probe kill is a crash.
        crashed(failedProbe);
      } else {
        converge();
      }
    } else {
      LOG.info("{} ({}) died: {}", appName, identity.name(), reason);
      crashed(reason);
    }
    publish();
  }

  private void crashed(String reason) {
    lastExitReason = reason;
    restartCount++;
    Instant now = supervisor.now();
    if (runningSince != null && supervisor.backoff().resets(Duration.between(runningSince, now))) {
      consecutiveCrashes = 0;
    }
    Duration delay = supervisor.backoff().delay(consecutiveCrashes++);
    runningSince = null;
    state = State.WAITING;
    ready = false;
    backoffTimer = supervisor.schedule(this::backoffElapsed, delay);
    publish();
  }

  private synchronized void backoffElapsed() {
    backoffTimer = null;
    if (!retired) {
      converge();
      publish();
    }
  }

  private void requestStop() {
    requestStop(supervisor.stopGrace());
  }

  /** Stops the instance gracefully, killing it if it still lives after {@code grace}. */
  private void requestStop(Duration grace) {
    if (stopRequested) {
      return;
    }
    stopRequested = true;
    ready = false;
    stopProber();
    Container stopping = container;
    supervisor.stop(stopping);
    supervisor.schedule(() -> {
      if (stopping.isAlive()) {
        LOG.warn("{} did not stop within {}; killing it", appName, grace);
        stopping.kill();
      }
    }, grace);
  }

  private void stopProber() {
    if (prober != null) {
      prober.stop();
      prober = null;
    }
  }

  private void cancelBackoff() {
    cancel(backoffTimer);
    backoffTimer = null;
  }

  private static void cancel(ScheduledFuture<?> timer) {
    if (timer != null) {
      timer.cancel(false);
    }
  }

  private void publish() {
    if (identity == null) {
      return;
    }
    status = new ReplicaStatus(identity.name(), identity.revisionName(), state, restartCount,
        identity.createdAt(), lastExitReason, ready && state == State.RUNNING);
  }
}
