package com.arcal.controller.reconcile;

import com.arcal.controller.queue.WorkQueue;
import com.arcal.controller.reconcile.source.Source;
import com.arcal.controller.sale.SaleId;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.BooleanSupplier;

/**
 * Runs the reconcile loop: a pool of workers draining the keyed work queue into {@link
 * SaleReconciler}, fed by its {@link Source}s (desired-state changes, the resync, the poll of
 * operations in flight) and by anyone holding {@link #enqueue} (health watches, the API).
 *
 * <p>The worker loop never dies: every throwable is caught, the key is always marked done, and
 * {@link FailurePolicy} says when a failed key comes back. Closing closes the sources.
 *
 * <p>With several replicas only the leader reconciles ({@code leading}): workers take no key while
 * it is false; a pass already running finishes (passes are short: none waits on a long-running
 * operation). {@link LeadershipHandoff} wakes them when leadership is gained.
 */
public final class Controller implements AutoCloseable {
  private static final Duration TAKE_TIMEOUT = Duration.ofMillis(500);

  private final WorkQueue<SaleId> queue;
  private final SaleReconciler reconciler;
  private final FailurePolicy failures;
  private final List<Source> sources;
  private final ReconcileObserver observer;
  private final int workerCount;
  private final Clock clock;
  private final BooleanSupplier leading;
  /** Shared by every source: one thread, so their ARM reads never overlap. */
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          new ThreadFactoryBuilder().setDaemon(true).setNameFormat("controller-sources").build());
  /** Workers of a follower wait here; notified when leadership is gained. */
  private final Object leadership = new Object();
  private final ThreadFactory workerThreads =
      new ThreadFactoryBuilder().setDaemon(true).setNameFormat("reconcile-%d").build();
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean running;

  public Controller(
      WorkQueue<SaleId> queue,
      SaleReconciler reconciler,
      FailurePolicy failures,
      List<Source> sources,
      ReconcileObserver observer,
      int workerCount,
      Clock clock,
      BooleanSupplier leading) {
    this.queue = queue;
    this.reconciler = reconciler;
    this.failures = failures;
    this.sources = List.copyOf(sources);
    this.observer = observer;
    this.workerCount = workerCount;
    this.clock = clock;
    this.leading = leading;
  }

  /** Starts the sources in order (the resync rediscovers the fleet), then the workers. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    sources.forEach(s -> s.start(scheduler));
    for (int i = 0; i < workerCount; i++) {
      Thread t = workerThreads.newThread(this::work);
      t.start();
      workers.add(t);
    }
  }

  /** Enqueues a sale (an engine health change, an API confirmation...). */
  public void enqueue(SaleId id) {
    queue.add(id);
  }

  /** Wakes the workers of a replica that just became leader. */
  void wake() {
    synchronized (leadership) {
      leadership.notifyAll();
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
      Result result;
      try {
        result = reconciler.reconcile(key);
        failures.succeeded(key);
        observer.reconciled(Duration.between(start, clock.instant()), result);
      } catch (Throwable t) {
        result = failures.onFailure(key, t);
        observer.failed(Duration.between(start, clock.instant()), t);
      }
      apply(key, result);
    } finally {
      queue.done(key);
    }
  }

  private void apply(SaleId key, Result result) {
    switch (result.kind()) {
      case DONE -> queue.forget(key);
      case REQUEUE -> {
        queue.forget(key);
        queue.addAfter(key, result.requeueAfter().orElseThrow());
      }
      case BACKOFF -> queue.addRateLimited(key);
      // A key refused by the ARM budget comes back at its slot on the normal line: on the low line,
      // behind a resync's thousands of re-checks, it held every creation for seconds (no PUT for
      // 5 s at 10,000 sales, docs/benchmarks.md).
      case RETRY_AFTER -> queue.addAfter(key, result.requeueAfter().orElseThrow());
    }
  }

  /** Stops the sources and the workers, letting in-flight passes finish. */
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
    for (Source source : sources) {
      try {
        source.close();
      } catch (Exception e) {
        // closing is best effort: what a source holds dies with the process anyway
      }
    }
  }
}
