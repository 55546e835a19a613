package com.arcal.emulator.runtime;

import com.arcal.emulator.runtime.ProbeSpec.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

/**
 * Runs one container instance's probes on their schedule, as the kubelet does under Container
 * Apps, and tells its replica what they found.
 *
 * <ul>
 *   <li>Startup first: every {@code period} after {@code initialDelay}; its first success starts
 *       the other two probes, {@code failureThreshold} consecutive failures fail the container.
 *       Without a startup probe the container is started once every port accepts connections,
 *       checked every {@link RuntimeSettings#probeInterval()} (Azure's default startup probe is a
 *       TCP check of the ingress port).
 *   <li>Liveness, once started: {@code failureThreshold} consecutive failures fail the container.
 *   <li>Readiness, once started: ready after {@code successThreshold} consecutive successes, not
 *       ready after {@code failureThreshold} consecutive failures. Without a readiness probe the
 *       container is ready as soon as it started.
 * </ul>
 *
 * <p>The initial delays count from the instance's start, as in Kubernetes. Elapsed time is
 * measured with {@link System#nanoTime()}: it only schedules real waits, nothing reported.
 */
final class Prober {

  /** What the replica hears; calls come from probe threads, never under the prober's lock. */
  interface Listener {
    /** The instance became ready or stopped being ready. */
    void readiness(Prober prober, boolean ready);

    /** A startup or liveness probe failed {@code failureThreshold} times in a row. */
    void failed(Prober prober, ProbeSpec probe, String reason);
  }

  private final Supervisor supervisor;
  private final Container container;
  private final ContainerSpec spec;
  private final Listener listener;
  private final long startedNanos = System.nanoTime();
  /** Pending attempts, cancelled by {@link #stop}; guarded by {@code this}. */
  private final List<ScheduledFuture<?>> pending = new ArrayList<>();
  private boolean stopped;

  Prober(Supervisor supervisor, Container container, ContainerSpec spec, Listener listener) {
    this.supervisor = supervisor;
    this.container = container;
    this.spec = spec;
    this.listener = listener;
  }

  void start() {
    Optional<ProbeSpec> startup = spec.probe(Kind.STARTUP);
    if (startup.isPresent()) {
      new Loop(startup.get()).schedule(delayLeft(startup.get()));
    } else {
      schedule(this::openWhenPortsAccept, supervisor.probeInterval());
    }
  }

  /** No attempt starts after this; one in flight is ignored. */
  synchronized void stop() {
    stopped = true;
    pending.forEach(timer -> timer.cancel(false));
    pending.clear();
  }

  private synchronized boolean isStopped() {
    return stopped;
  }

  private void openWhenPortsAccept() {
    if (isStopped()) {
      return;
    }
    if (container.isAlive() && container.isReady()) {
      started();
    } else {
      schedule(this::openWhenPortsAccept, supervisor.probeInterval());
    }
  }

  private void started() {
    spec.probe(Kind.LIVENESS).ifPresent(probe -> new Loop(probe).schedule(delayLeft(probe)));
    Optional<ProbeSpec> readiness = spec.probe(Kind.READINESS);
    if (readiness.isPresent()) {
      new Loop(readiness.get()).schedule(delayLeft(readiness.get()));
    } else {
      listener.readiness(this, true);
    }
  }

  private Duration delayLeft(ProbeSpec probe) {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
    Duration left = probe.initialDelay().minus(elapsed);
    return left.isNegative() ? Duration.ZERO : left;
  }

  private synchronized void schedule(Runnable attempt, Duration delay) {
    if (stopped) {
      return;
    }
    pending.removeIf(ScheduledFuture::isDone);
    ScheduledFuture<?> timer = supervisor.scheduleProbe(attempt, delay);
    if (timer != null) {
      pending.add(timer);
    }
  }

  /** One probe's attempts and its run of consecutive results. */
  private final class Loop {
    private final ProbeSpec probe;
    private int successes;
    private int failures;
    private boolean ready;

    Loop(ProbeSpec probe) {
      this.probe = probe;
    }

    void schedule(Duration delay) {
      Prober.this.schedule(this::attempt, delay);
    }

    private void attempt() {
      if (isStopped()) {
        return;
      }
      long begin = System.nanoTime();
      ProbeResult result = supervisor.probeChecker().check(spec.bindHost(), probe);
      if (isStopped()) {
        return;
      }
      if (result.success()) {
        successes++;
        failures = 0;
      } else {
        failures++;
        successes = 0;
      }
      if (decide(result)) {
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        Duration next = probe.period().minus(took);
        schedule(next.isNegative() ? Duration.ZERO : next);
      }
    }

    /** Acts on the run of results; false when this probe has nothing more to do. */
    private boolean decide(ProbeResult result) {
      if (probe.kind() == Kind.READINESS) {
        if (!ready && successes >= probe.successThreshold()) {
          ready = true;
          listener.readiness(Prober.this, true);
        } else if (ready && failures >= probe.failureThreshold()) {
          ready = false;
          listener.readiness(Prober.this, false);
        }
        return true;
      }
      if (failures >= probe.failureThreshold()) {
        listener.failed(Prober.this, probe, probe.kind().spelled() + " probe failed: " + result.detail());
        return false;
      }
      if (probe.kind() == Kind.STARTUP && result.success()) {
        started();
        return false;
      }
      return true;
    }
  }
}
