package com.arcal.controller.heal;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tells the orchestrator's own blindness from broken engines, like the node lifecycle controller
 * that stops evicting when a whole zone looks down: when more than {@code partitionShare} of the
 * known engines (and more than {@code partitionMinimum}) became unreachable within
 * {@code partitionWindow}, and ARM says those it was asked about are healthy, the fault is on our
 * side of the network: a partition. It ends by itself once no more than that share is unreachable.
 *
 * <p>Known engines are those that answered at least once; an engine that never did (a new app)
 * neither counts nor is counted. Thread-safe: every method is synchronized.
 */
public final class PartitionDetector {
  /** ARM-healthy answers, among the unreachable engines, that turn a suspicion into a partition. */
  static final int CONFIRMATIONS = 2;

  private final HealSettings settings;
  private final Clock clock;
  private final Set<String> known = new HashSet<>();
  private final Map<String, Instant> unreachableSince = new HashMap<>();
  /** Unreachable engines ARM says are healthy; invariant: a subset of unreachableSince's keys. */
  private final Set<String> armHealthy = new HashSet<>();
  /** Unreachable engines whose ARM health was asked for in this outage. */
  private final Set<String> sampled = new HashSet<>();
  /** Samples claimed and not answered yet. */
  private int samplesInFlight;
  private Instant partitionedSince;

  public PartitionDetector(HealSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** The engine answered. */
  public synchronized void reachable(String app) {
    known.add(app);
    unreachableSince.remove(app);
    armHealthy.remove(app);
    sampled.remove(app);
    evaluate();
  }

  /** The engine did not answer (again). */
  public synchronized void unreachable(String app) {
    if (known.contains(app)) {
      unreachableSince.putIfAbsent(app, clock.instant());
    }
    evaluate();
  }

  /** What ARM said of an unreachable engine's health. */
  public synchronized void armSays(String app, boolean healthy) {
    if (sampled.contains(app)) {
      samplesInFlight = Math.max(0, samplesInFlight - 1);
    }
    sampled.add(app);
    if (healthy && unreachableSince.containsKey(app)) {
      armHealthy.add(app);
    } else {
      armHealthy.remove(app);
    }
    evaluate();
  }

  /** The app is gone. */
  public synchronized void forget(String app) {
    known.remove(app);
    unreachableSince.remove(app);
    armHealthy.remove(app);
    sampled.remove(app);
    evaluate();
  }

  /**
   * Whether ARM should be asked about this unreachable engine to confirm a suspected partition:
   * once per outage of the engine, only until the partition is declared, and no more reads in
   * flight than confirmations missing (workers ask together). A true answer must be followed by
   * {@link #armSays} or {@link #sampleFailed}.
   */
  public synchronized boolean claimSample(String app) {
    boolean wanted = partitionedSince == null && suspected() && unreachableSince.containsKey(app)
        && !sampled.contains(app) && armHealthy.size() + samplesInFlight < CONFIRMATIONS;
    if (wanted) {
      sampled.add(app);
      samplesInFlight++;
    }
    return wanted;
  }

  /** The ARM read of a claimed sample failed: another engine may be asked. */
  public synchronized void sampleFailed(String app) {
    samplesInFlight = Math.max(0, samplesInFlight - 1);
  }

  public synchronized boolean partitioned() {
    evaluate();
    return partitionedSince != null;
  }

  /** Since when the partition holds, if it does. */
  public synchronized Optional<Instant> partitionedSince() {
    return Optional.ofNullable(partitionedSince);
  }

  public synchronized int unreachable() {
    return unreachableSince.size();
  }

  public synchronized int known() {
    return known.size();
  }

  private boolean suspected() {
    Instant from = clock.instant().minus(settings.partitionWindow());
    long recent = unreachableSince.values().stream().filter(t -> !t.isBefore(from)).count();
    return beyondThreshold(recent);
  }

  private boolean beyondThreshold(long count) {
    return count > settings.partitionMinimum() && count > settings.partitionShare() * known.size();
  }

  private void evaluate() {
    if (partitionedSince == null && suspected() && armHealthy.size() >= CONFIRMATIONS) {
      partitionedSince = clock.instant();
    } else if (partitionedSince != null && !beyondThreshold(unreachableSince.size())) {
      partitionedSince = null;
    }
  }
}
