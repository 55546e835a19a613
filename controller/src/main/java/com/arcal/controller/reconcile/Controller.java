package com.arcal.controller.reconcile;

import com.arcal.controller.ArcalException;
import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.ArmException;
import com.arcal.controller.azure.BudgetExhaustedException;
import com.arcal.controller.azure.ContainerAppsPort;
import com.arcal.controller.queue.WorkQueue;
import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.SaleStatus;
import com.arcal.controller.status.StatusBoard;
import com.arcal.controller.store.DesiredStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the reconcile loop: a pool of workers draining the keyed work queue into
 * {@link SaleReconciler}, fed by desired-state changes (immediately), engine health watches,
 * requeues of in-flight operations, and a periodic jittered resync (one paged LIST, then every
 * desired and every owned key).
 *
 * <p>The worker loop never dies: every throwable is caught, the key is always marked done, and
 * failures are retried with per-key backoff (transient) or reported without hot retry
 * (permanent).
 *
 * <p>With several replicas only the leader reconciles ({@code leading}): workers take no key and
 * the resync enqueues nothing while it is false; a pass already running finishes (passes are
 * short: none waits on a long-running operation). A replica that gains leadership starts from a
 * full resync, so the old leader's operations in flight are found by their tags and
 * provisioningState instead of being started again.
 */
public final class Controller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Controller.class);
  private static final Duration TAKE_TIMEOUT = Duration.ofMillis(500);

  private final DesiredStateStore store;
  private final ContainerAppsPort apps;
  private final Fleet fleet;
  private final SaleReconciler reconciler;
  private final StatusBoard board;
  private final WorkQueue<SaleId> queue;
  private final DeletionBrake brake;
  private final HealthWatches watches;
  private final ControllerSettings settings;
  private final Clock clock;
  private final RandomGenerator random;
  private final ReconcileObserver observer;
  private final ScheduledExecutorService scheduler;
  private final BooleanSupplier leading;
  private final PollPacing pollPacing;
  /** Workers of a follower wait here; notified when leadership is gained. */
  private final Object leadership = new Object();
  private final List<Thread> workers = new ArrayList<>();
  /** Keys refused by the ARM budget, and when their slot comes. */
  private final Map<SaleId, Instant> budgetDeferred = new ConcurrentHashMap<>();
  private volatile boolean running;
  /** Set on a first start (no desired-state document): adopt owned apps after the first LIST. */
  private volatile boolean adoptionPending;
  private volatile Optional<String> platformProblem = Optional.of("not listed yet");

  /** A controller that reconciles only while {@code leading} is true (always, for one replica). */
  public Controller(
      DesiredStateStore store,
      ContainerAppsPort apps,
      Fleet fleet,
      SaleReconciler reconciler,
      StatusBoard board,
      WorkQueue<SaleId> queue,
      DeletionBrake brake,
      HealthWatches watches,
      ControllerSettings settings,
      Clock clock,
      RandomGenerator random,
      ReconcileObserver observer,
      BooleanSupplier leading) {
    this.store = store;
    this.apps = apps;
    this.fleet = fleet;
    this.reconciler = reconciler;
    this.board = board;
    this.queue = queue;
    this.brake = brake;
    this.watches = watches;
    this.settings = settings;
    this.clock = clock;
    this.random = random;
    this.observer = observer;
    this.leading = leading;
    this.pollPacing = new PollPacing(settings.pollInterval());
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "controller-resync");
              t.setDaemon(true);
              return t;
            });
  }

  /** Rediscovers the fleet, adopts on a first start, then starts the workers and the resync. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    store.watch(this::onDesiredChange);
    adoptionPending = store.createdFresh();
    resync();
    for (int i = 0; i < settings.workers(); i++) {
      Thread t = new Thread(this::work, "reconcile-" + i);
      t.setDaemon(true);
      t.start();
      workers.add(t);
    }
    scheduleResync();
    schedulePoll(pollPacing.idle());
  }

  private void schedulePoll(Duration delay) {
    try {
      scheduler.schedule(
          () -> {
            Duration next = pollPacing.idle();
            try {
              next = pollInFlight();
            } catch (RuntimeException e) {
              log.warn("in-flight poll failed", e);
            } finally {
              if (running) {
                schedulePoll(next);
              }
            }
          },
          delay.toNanos(),
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // closed
    }
  }

  /**
   * The poll of operations in flight; returns when the next one is due ({@link PollPacing}).
   * Fewer in flight than a LIST has pages: their sales are enqueued and each pass reads its app
   * (one GET each). More: one paged LIST observes them all, and only the sales whose operation
   * ended are enqueued. Either way the reconciler's own requeue is only a backstop, so a sale
   * never waits for it when the fleet drops from many to a few. The LIST's cost is estimated
   * from the apps known ({@link Fleet#LIST_PAGE_SIZE} per page).
   */
  private Duration pollInFlight() {
    if (!leading.getAsBoolean()) {
      return pollPacing.idle();
    }
    List<AppObservation> busy = fleet.busy();
    if (busy.isEmpty()) {
      return pollPacing.idle();
    }
    boolean bulk = fleet.listCheaperFor(busy.size());
    int reads = bulk ? fleet.listPages() : busy.size();
    if (!bulk) {
      busy.forEach(app -> reconciler.ownership().saleOf(app).ifPresent(queue::add));
      return pollPacing.after(reads, false);
    }
    try {
      long started = fleet.beginList();
      List<AppObservation> listed = apps.list();
      fleet.listed(started, listed);
    } catch (RuntimeException e) {
      log.debug("in-flight refresh failed: {}", e.getMessage());
      return pollPacing.after(reads, false);
    }
    int ended = 0;
    for (AppObservation before : busy) {
      var now = fleet.lookup(before.name()).app();
      if (now.isEmpty() || !now.get().state().busy()) {
        ended++;
        reconciler.ownership().saleOf(before).ifPresent(queue::add);
      }
    }
    return pollPacing.after(reads, ended > 0 && ended < busy.size());
  }

  /**
   * Told by the leader elector: on a gain, a full resync (in the background) and the workers
   * wake up; on a loss, workers stop taking keys on their own (they check before each key).
   */
  public void leadershipChanged(boolean nowLeading) {
    log.info(nowLeading ? "leading: full resync, then reconciling" : "following: not reconciling");
    if (!nowLeading) {
      return;
    }
    try {
      scheduler.execute(
          () -> {
            try {
              resync();
            } catch (RuntimeException e) {
              log.error("resync after gaining leadership failed", e);
            }
          });
    } catch (RejectedExecutionException e) {
      return; // closed
    }
    synchronized (leadership) {
      leadership.notifyAll();
    }
  }

  /** Enqueues a sale (an engine health change, an API confirmation...). */
  public void enqueue(SaleId id) {
    queue.add(id);
  }

  /** Why the platform cannot be trusted right now (last LIST failed), empty when fine. */
  public Optional<String> platformProblem() {
    return platformProblem;
  }

  public SortedSet<String> heldDeletions() {
    brake.retainPending(reconciler.pendingDeletions());
    return brake.held();
  }

  /** Releases the held deletions and enqueues their sales. */
  public SortedSet<String> confirmDeletions() {
    brake.retainPending(reconciler.pendingDeletions());
    SortedSet<String> released = brake.confirm();
    fleet.apps().stream()
        .filter(a -> released.contains(a.name()))
        .forEach(a -> reconciler.ownership().saleOf(a).ifPresent(queue::add));
    return released;
  }

  public Fleet fleet() {
    return fleet;
  }

  /** One full LIST, then every desired and every owned key is enqueued. */
  public synchronized boolean resync() {
    long started = fleet.beginList();
    List<AppObservation> listed;
    try {
      listed = apps.list();
    } catch (ArcalException e) {
      platformProblem = Optional.of(e.getMessage());
      log.warn("resync: listing apps failed: {}", e.getMessage());
      return false;
    }
    fleet.listed(started, listed);
    observer.resynced(listed.size());
    platformProblem = Optional.empty();
    if (adoptionPending) {
      // Before any key is enqueued: owned apps must be adopted, not collected as orphans, even
      // when the first LIST only succeeds at a later resync.
      adoptOwnedApps();
      adoptionPending = false;
    }
    if (!leading.getAsBoolean()) {
      return true; // a follower keeps its view of the fleet fresh, the leader acts on it
    }
    Set<SaleId> keys = new HashSet<>(store.snapshot().asMap().keySet());
    for (AppObservation app : listed) {
      reconciler.ownership().saleOf(app).ifPresent(keys::add);
    }
    board.all().forEach(s -> keys.add(s.saleId()));
    // Behind changes and health events: a new sale must not wait for a thousand re-checks.
    // A key waiting for its slot of the ARM budget is coming back anyway; pulling it forward
    // would only be refused again and push it to the back of the budget's queue.
    Instant now = clock.instant();
    keys.stream()
        .filter(k -> !budgetDeferred.getOrDefault(k, Instant.MIN).isAfter(now))
        .forEach(queue::addLowPriority);
    return true;
  }

  private void scheduleResync() {
    long base = settings.resyncPeriod().toMillis();
    long jitter = (long) (base * 0.1 * (random.nextDouble() * 2 - 1));
    scheduler.schedule(
        () -> {
          try {
            resync();
          } catch (RuntimeException e) {
            log.error("resync failed", e);
          } finally {
            if (running) {
              scheduleResync();
            }
          }
        },
        Math.max(1, base + jitter),
        TimeUnit.MILLISECONDS);
  }

  /**
   * First start with no desired-state document: the apps we own are live sales of an earlier
   * installation; adopt them instead of deleting them.
   */
  private void adoptOwnedApps() {
    DesiredState desired = store.snapshot();
    for (AppObservation app : fleet.apps()) {
      Optional<SaleId> sale = reconciler.ownership().saleOf(app);
      if (sale.isEmpty() || desired.sale(sale.get()).isPresent()) {
        continue;
      }
      reconciler.specs().specOf(app).ifPresent(spec -> {
        try {
          store.put(sale.get(), spec, Optional.empty());
          log.info("adopted {} into the desired state as sale {}", app.name(), sale.get());
        } catch (ArcalException e) {
          log.warn("could not adopt {}: {}", app.name(), e.getMessage());
        }
      });
    }
  }

  private void onDesiredChange(DesiredState before, DesiredState after) {
    Set<SaleId> keys = new HashSet<>(before.asMap().keySet());
    keys.addAll(after.asMap().keySet());
    for (SaleId id : keys) {
      if (!before.sale(id).equals(after.sale(id))) {
        queue.add(id);
      }
    }
  }

  private void work() {
    while (running) {
      Optional<SaleId> key;
      try {
        if (!leading.getAsBoolean()) {
          synchronized (leadership) {
            leadership.wait(TAKE_TIMEOUT.toMillis());
          }
          continue;
        }
        key = queue.take(TAKE_TIMEOUT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (key.isPresent() && !leading.getAsBoolean()) {
        // Lost leadership while waiting for the key: keep it queued for the next term.
        queue.add(key.get());
        queue.done(key.get());
        continue;
      }
      key.ifPresent(this::process);
    }
  }

  private void process(SaleId key) {
    Instant start = clock.instant();
    try {
      Result result = reconciler.reconcile(key);
      budgetDeferred.remove(key);
      if (result.backoff()) {
        queue.addRateLimited(key);
      } else {
        queue.forget(key);
        result.requeueAfter().ifPresent(d -> queue.addAfter(key, d));
      }
      observer.reconciled(Duration.between(start, clock.instant()), result);
    } catch (Throwable t) {
      onFailure(key, t);
      observer.failed(Duration.between(start, clock.instant()), t);
    } finally {
      queue.done(key);
    }
  }

  private void onFailure(SaleId key, Throwable t) {
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    boolean permanent = t instanceof ArcalException e && !e.retryable();
    String appName = safeAppName(key);
    board.update(
        key,
        SaleStatus.initial(key, appName, 0, clock.instant()),
        s -> permanent ? s.withPhase(Phase.FAILED, null).withError(message) : s.withError(message));
    if (t instanceof ArmException arm && arm.retryAfter().isPresent()) {
      queue.addAfter(key, arm.retryAfter().get());
      if (arm instanceof BudgetExhaustedException) {
        budgetDeferred.put(key, clock.instant().plus(arm.retryAfter().get()));
      }
    } else if (permanent) {
      queue.forget(key);
      log.warn("sale {}: {} (not retried until the next change or resync)", key, message);
    } else {
      queue.addRateLimited(key);
      if (!(t instanceof ArcalException)) {
        log.error("sale {}: unexpected failure", key, t);
      } else {
        log.info("sale {}: {} (retrying)", key, message);
      }
    }
  }

  private String safeAppName(SaleId key) {
    try {
      return settings.naming().appName(key);
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** Stops the resync and the workers, letting in-flight passes finish. */
  @Override
  public synchronized void close() {
    running = false;
    scheduler.shutdownNow();
    queue.shutDown();
    for (Thread t : workers) {
      try {
        t.join(Duration.ofSeconds(30).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    workers.clear();
    watches.close();
  }
}
