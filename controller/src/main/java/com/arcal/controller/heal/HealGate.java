package com.arcal.controller.heal;

import com.arcal.controller.azure.ContainerAppsPort;
import com.arcal.controller.azure.RevisionHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether the controller may disrupt an engine it cannot reach: only when ARM's own view
 * agrees the engine is broken, never during a partition, and within the {@link DisruptionBudget}.
 * ARM's view is read only for an engine that is a heal candidate (or a sample confirming a
 * suspected partition), and at most every {@link #ARM_RECHECK} per engine.
 */
public final class HealGate {
  private static final Logger log = LoggerFactory.getLogger(HealGate.class);
  /** ARM's view of one engine is read again no sooner than this. */
  static final Duration ARM_RECHECK = Duration.ofSeconds(10);

  /** Why a heal may or may not go. */
  public enum Reason {
    /** ARM says the engine is broken and the budget had room: heal. */
    ARM_REPORTS_BROKEN("ArmReportsBroken"),
    /** ARM says the engine is fine: the fault is between us and it. */
    ARM_REPORTS_HEALTHY("ArmReportsHealthy"),
    /** Many engines unreachable at once while ARM says they are fine. */
    PARTITIONED("OrchestratorPartitioned"),
    /** The disruption budget is spent for now. */
    BUDGET_EXHAUSTED("HealBudgetExhausted");

    private final String word;

    Reason(String word) {
      this.word = word;
    }

    /** The condition reason, one CamelCase word. */
    public String word() {
      return word;
    }
  }

  /** The answer for one heal: whether it may go, why, in plain words. */
  public record Verdict(boolean allowed, Reason reason, String message) {}

  private record ArmView(Instant readAt, RevisionHealth health, int baselineRestarts) {}

  private final ContainerAppsPort apps;
  private final DisruptionBudget budget;
  private final PartitionDetector partition;
  private final IntSupplier ownedApps;
  private final Clock clock;
  private final Map<String, ArmView> views = new ConcurrentHashMap<>();
  /** Engines whose heal is deferred now, with why: a deferral is counted once per reason. */
  private final Map<String, Reason> deferredNow = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> done = new ConcurrentHashMap<>();
  private final AtomicLong deferred = new AtomicLong();
  private volatile boolean wasPartitioned;

  public HealGate(ContainerAppsPort apps, HealSettings settings, IntSupplier ownedApps, Clock clock) {
    this.apps = apps;
    this.budget = new DisruptionBudget(settings, clock);
    this.partition = new PartitionDetector(settings, clock);
    this.ownedApps = ownedApps;
    this.clock = clock;
  }

  /** The app's engine answered: its outage, if any, is over. */
  public void reached(String app) {
    partition.reachable(app);
    views.remove(app);
    deferredNow.remove(app);
    logTransition();
  }

  /**
   * The app's engine did not answer; confirms a suspected partition with ARM's view of it when
   * asked to. Returns whether the orchestrator is partitioned from its engines.
   */
  public boolean unreachable(String app, String revision) {
    partition.unreachable(app);
    if (!revision.isEmpty() && partition.claimSample(app)) {
      boolean answered = false;
      try {
        partition.armSays(app, armView(app, revision).health().broken().isEmpty());
        answered = true;
      } finally {
        if (!answered) {
          partition.sampleFailed(app);
        }
      }
    }
    logTransition();
    return partition.partitioned();
  }

  /**
   * Whether {@code action} (a revision restart, an app recreation) may go for this unreachable
   * engine; a heal allowed is charged to the budget.
   */
  public Verdict mayHeal(String app, String revision, String action) {
    if (partition.partitioned()) {
      return defer(app, Reason.PARTITIONED, action + " suspended: the orchestrator cannot reach "
          + partition.unreachable() + " of " + partition.known() + " engines while ARM says they are healthy");
    }
    ArmView view = armView(app, revision);
    Optional<String> broken = view.health().broken();
    if (broken.isEmpty() && view.health().restarts() > view.baselineRestarts()) {
      broken = Optional.of("restartCount " + view.health().restarts() + " (was " + view.baselineRestarts() + ")");
    }
    if (broken.isEmpty()) {
      return defer(app, Reason.ARM_REPORTS_HEALTHY, action + " not done: ARM reports revision " + revision
          + " " + view.health().healthState() + "/" + view.health().runningState());
    }
    int owned = Math.max(1, ownedApps.getAsInt());
    Optional<Instant> next = budget.tryCharge(owned);
    if (next.isPresent()) {
      return defer(app, Reason.BUDGET_EXHAUSTED, action + " waits: heal budget spent (" + budget.allowed(owned)
          + " per window), next slot at " + next.get());
    }
    deferredNow.remove(app);
    views.remove(app);
    done.computeIfAbsent(action, a -> new AtomicLong()).incrementAndGet();
    return new Verdict(true, Reason.ARM_REPORTS_BROKEN, "ARM: " + broken.get());
  }

  /** The app is gone. */
  public void forget(String app) {
    partition.forget(app);
    views.remove(app);
    deferredNow.remove(app);
  }

  public boolean partitioned() {
    return partition.partitioned();
  }

  public Optional<Instant> partitionedSince() {
    return partition.partitionedSince();
  }

  /** Engines that do not answer now, of those that answered once. */
  public int unreachableEngines() {
    return partition.unreachable();
  }

  public int knownEngines() {
    return partition.known();
  }

  /** Heals done of that action ({@code restart revision}, {@code recreate app}). */
  public long healsDone(String action) {
    AtomicLong n = done.get(action);
    return n == null ? 0 : n.get();
  }

  /** Heals deferred (once per engine and reason). */
  public long healsDeferred() {
    return deferred.get();
  }

  private Verdict defer(String app, Reason reason, String message) {
    if (deferredNow.put(app, reason) != reason) {
      deferred.incrementAndGet();
    }
    return new Verdict(false, reason, message);
  }

  private ArmView armView(String app, String revision) {
    Instant now = clock.instant();
    ArmView last = views.get(app);
    if (last != null && Duration.between(last.readAt(), now).compareTo(ARM_RECHECK) < 0) {
      return last;
    }
    RevisionHealth health = apps.revisionHealth(app, revision);
    ArmView next = new ArmView(now, health, last == null ? health.restarts() : last.baselineRestarts());
    views.put(app, next);
    return next;
  }

  private void logTransition() {
    boolean now = partition.partitioned();
    if (now != wasPartitioned) {
      wasPartitioned = now;
      if (now) {
        log.warn("partition: {} of {} engines unreachable while ARM says they are healthy;"
            + " destructive heals suspended", partition.unreachable(), partition.known());
      } else {
        log.info("partition over: engines reachable again; heals resume");
      }
    }
  }
}
