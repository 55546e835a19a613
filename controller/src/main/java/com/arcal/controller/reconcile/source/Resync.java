package com.arcal.controller.reconcile.source;

import com.arcal.controller.ArcalException;
import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.ContainerAppsPort;
import com.arcal.controller.reconcile.AppSpecs;
import com.arcal.controller.reconcile.ObservedApps;
import com.arcal.controller.reconcile.Ownership;
import com.arcal.controller.reconcile.ReconcileObserver;
import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.status.SaleStatus;
import com.arcal.controller.status.StatusBoard;
import com.arcal.controller.store.DesiredStateStore;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The level-based backstop: one full LIST every period (jittered by 10% so replicas and restarts
 * do not line up), then every desired, every owned and every known sale at low priority. On a
 * first start (no desired-state document) it adopts the apps we own into the desired state before
 * anything is enqueued, so they are kept instead of collected as orphans.
 *
 * <p>A follower resyncs too (its view of the apps stays fresh for the API) but enqueues nothing.
 */
public final class Resync implements Source {
  private static final Logger log = LoggerFactory.getLogger(Resync.class);

  private final DesiredStateStore store;
  private final ContainerAppsPort apps;
  private final ObservedApps observed;
  private final Ownership ownership;
  private final AppSpecs specs;
  private final StatusBoard board;
  private final ReconcileObserver observer;
  private final BooleanSupplier leading;
  private final Consumer<SaleId> enqueueLowPriority;
  private final Duration period;
  private final RandomGenerator random;
  private volatile ScheduledExecutorService scheduler;
  /** Set on a first start (no desired-state document): adopt owned apps after the first LIST. */
  private volatile boolean adoptionPending;
  private volatile Optional<String> platformProblem = Optional.of("not listed yet");

  /** {@code enqueueLowPriority} may skip keys that are coming back anyway (budget deferral). */
  public Resync(
      DesiredStateStore store,
      ContainerAppsPort apps,
      ObservedApps observed,
      Ownership ownership,
      AppSpecs specs,
      StatusBoard board,
      ReconcileObserver observer,
      BooleanSupplier leading,
      Consumer<SaleId> enqueueLowPriority,
      Duration period,
      RandomGenerator random) {
    this.store = store;
    this.apps = apps;
    this.observed = observed;
    this.ownership = ownership;
    this.specs = specs;
    this.board = board;
    this.observer = observer;
    this.leading = leading;
    this.enqueueLowPriority = enqueueLowPriority;
    this.period = period;
    this.random = random;
  }

  /** Resyncs now (the rediscovery at start), then every period. */
  @Override
  public void start(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
    adoptionPending = store.createdFresh();
    run();
    scheduleNext();
  }

  /** Resyncs soon, on the scheduler (a replica that just gained leadership). */
  public void runSoon() {
    ScheduledExecutorService scheduler = this.scheduler;
    if (scheduler == null) {
      return; // not started yet: starting resyncs first thing
    }
    try {
      scheduler.execute(
          () -> {
            try {
              run();
            } catch (RuntimeException e) {
              log.error("resync after gaining leadership failed", e);
            }
          });
    } catch (RejectedExecutionException e) {
      // closed
    }
  }

  /** Why the platform cannot be trusted right now (last LIST failed), empty when fine. */
  public Optional<String> platformProblem() {
    return platformProblem;
  }

  /** One full LIST, then every desired, owned and known key; false when the LIST failed. */
  public synchronized boolean run() {
    List<AppObservation> listed;
    try {
      listed = observed.relist(apps);
    } catch (ArcalException e) {
      platformProblem = Optional.of(e.getMessage());
      log.warn("resync: listing apps failed: {}", e.getMessage());
      return false;
    }
    observer.resynced(listed.size());
    platformProblem = Optional.empty();
    if (adoptionPending) {
      // Before any key is enqueued: owned apps must be adopted, not collected as orphans, even
      // when the first LIST only succeeds at a later resync.
      adoptOwnedApps();
      adoptionPending = false;
    }
    if (!leading.getAsBoolean()) {
      return true;
    }
    Set<SaleId> keys = new HashSet<>(store.snapshot().asMap().keySet());
    for (AppObservation app : listed) {
      ownership.saleOf(app).ifPresent(keys::add);
    }
    board.all().stream().map(SaleStatus::saleId).forEach(keys::add);
    // Behind changes and health events: a new sale must not wait for a thousand re-checks.
    keys.forEach(enqueueLowPriority);
    return true;
  }

  private void scheduleNext() {
    long base = period.toMillis();
    long jitter = (long) (base * 0.1 * (random.nextDouble() * 2 - 1));
    try {
      scheduler.schedule(
          () -> {
            try {
              run();
            } catch (RuntimeException e) {
              log.error("resync failed", e);
            } finally {
              scheduleNext();
            }
          },
          Math.max(1, base + jitter),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closed
    }
  }

  /**
   * First start with no desired-state document: the apps we own are live sales of an earlier
   * installation; adopt them instead of deleting them.
   */
  private void adoptOwnedApps() {
    DesiredState desired = store.snapshot();
    for (AppObservation app : observed.apps()) {
      Optional<SaleId> sale = ownership.saleOf(app);
      if (sale.isEmpty() || desired.sale(sale.get()).isPresent()) {
        continue;
      }
      specs.specOf(app).ifPresent(spec -> {
        try {
          store.put(sale.get(), spec, Optional.empty());
          log.info("adopted {} into the desired state as sale {}", app.name(), sale.get());
        } catch (ArcalException e) {
          log.warn("could not adopt {}: {}", app.name(), e.getMessage());
        }
      });
    }
  }
}
