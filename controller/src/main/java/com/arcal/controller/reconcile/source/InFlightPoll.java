package com.arcal.controller.reconcile.source;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.ContainerAppsPort;
import com.arcal.controller.reconcile.ObservedApps;
import com.arcal.controller.reconcile.Ownership;
import com.arcal.controller.sale.SaleId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the apps with an operation in flight, so that each sale is looked at as soon as its
 * operation ends rather than at its pass's own requeue (only a backstop). Fewer in flight than a
 * LIST has pages: their sales are enqueued and each pass reads its app (one GET each). More: one
 * paged LIST observes them all, and only the sales whose operation ended are enqueued. When the
 * next look comes is {@link PollPacing}'s call.
 */
public final class InFlightPoll implements Source {
  private static final Logger log = LoggerFactory.getLogger(InFlightPoll.class);

  private final ObservedApps observed;
  private final ContainerAppsPort apps;
  private final Ownership ownership;
  private final BooleanSupplier leading;
  private final Consumer<SaleId> enqueue;
  private final PollPacing pacing;

  /** Its reads spread over {@code subscriptions} read buckets: ARM keeps one per subscription. */
  public InFlightPoll(
      ObservedApps observed,
      ContainerAppsPort apps,
      Ownership ownership,
      BooleanSupplier leading,
      Consumer<SaleId> enqueue,
      Duration interval,
      int subscriptions) {
    this.observed = observed;
    this.apps = apps;
    this.ownership = ownership;
    this.leading = leading;
    this.enqueue = enqueue;
    this.pacing = new PollPacing(interval, subscriptions);
  }

  @Override
  public void start(ScheduledExecutorService scheduler) {
    schedule(scheduler, pacing.idle());
  }

  private void schedule(ScheduledExecutorService scheduler, Duration delay) {
    try {
      scheduler.schedule(
          () -> {
            Duration next = pacing.idle();
            try {
              next = poll();
            } catch (RuntimeException e) {
              log.warn("in-flight poll failed", e);
            } finally {
              schedule(scheduler, next);
            }
          },
          delay.toNanos(),
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // closed
    }
  }

  /** One look at the operations in flight; returns when the next one is due. */
  Duration poll() {
    if (!leading.getAsBoolean()) {
      return pacing.idle();
    }
    List<AppObservation> busy = observed.busy();
    if (busy.isEmpty()) {
      return pacing.idle();
    }
    boolean bulk = observed.listCheaperFor(busy.size());
    int reads = bulk ? observed.listPages() : busy.size();
    if (!bulk) {
      busy.forEach(this::enqueueSaleOf);
      return pacing.after(reads, false);
    }
    try {
      observed.relist(apps);
    } catch (RuntimeException e) {
      log.debug("in-flight refresh failed: {}", e.getMessage());
      return pacing.after(reads, false);
    }
    int ended = 0;
    for (AppObservation before : busy) {
      var now = observed.lookup(before.name()).app();
      if (now.isEmpty() || !now.get().state().busy()) {
        ended++;
        enqueueSaleOf(before);
      }
    }
    return pacing.after(reads, ended > 0 && ended < busy.size());
  }

  private void enqueueSaleOf(AppObservation app) {
    ownership.saleOf(app).ifPresent(enqueue);
  }
}
