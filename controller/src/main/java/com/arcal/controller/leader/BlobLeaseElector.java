package com.arcal.controller.leader;

import com.arcal.controller.blob.BlobConnection;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election by a lease on a lock blob, with Kubernetes' timing (see {@link LeaseSettings}
 * and docs/high-availability.md). The leader renews every retry period; followers try to acquire
 * every retry period and take over as soon as the lease is free (released, or expired).
 *
 * <p>Safety rests on one rule, checked on every {@link #isLeader()} against a monotonic clock: a
 * replica is leader only while less than {@code renewDeadline} has passed since it SENT its last
 * successful acquire or renewal. Storage started the lease's {@code leaseDuration} no earlier than
 * that, so the replica stops acting {@code leaseDuration - renewDeadline} before anyone else can
 * take the lease, even when its renewals hang or storage is unreachable.
 */
public final class BlobLeaseElector implements LeaderElector {
  private static final Logger log = LoggerFactory.getLogger(BlobLeaseElector.class);
  /** How often the deadline is checked to tell listeners; isLeader() itself is exact. */
  private static final Duration CHECK_PERIOD = Duration.ofMillis(100);

  private final Lease lease;
  private final String lockUrl;
  private final LeaseSettings settings;
  private final LongSupplier nanoTime;
  private final String identity;
  private final long deadlineNanos;
  private final List<LeadershipListener> listeners = new CopyOnWriteArrayList<>();
  /** Two threads: lease calls may block up to a retry period; the deadline check must not wait. */
  private final ScheduledExecutorService scheduler;
  private final Object announcing = new Object();

  // Guarded by this.
  private boolean holding;
  private long renewedAt;
  private boolean started;
  private boolean closed;
  // Guarded by announcing: the value listeners were last told.
  private boolean announced;

  BlobLeaseElector(
      Lease lease, String lockUrl, LeaseSettings settings, LongSupplier nanoTime, String identity) {
    this.lease = lease;
    this.lockUrl = lockUrl;
    this.settings = settings;
    this.nanoTime = nanoTime;
    this.identity = identity;
    this.deadlineNanos = settings.renewDeadline().toNanos();
    this.scheduler =
        Executors.newScheduledThreadPool(
            2,
            new ThreadFactoryBuilder().setDaemon(true).setNameFormat("leader-election-%d").build());
  }

  /**
   * An elector on the lock blob at {@code lockBlobUrl} (created, with its container, when
   * missing). Each call is a new candidate with its own lease id.
   */
  public static BlobLeaseElector open(
      BlobConnection connection, String lockBlobUrl, LeaseSettings settings) {
    String leaseId = UUID.randomUUID().toString();
    // One try per call, bounded by the retry period: the election loop is the retry.
    var blob = connection.blob(lockBlobUrl, settings.retryPeriod(), 1);
    return new BlobLeaseElector(
        new BlobLease(blob, leaseId), blob.getBlobUrl(), settings, System::nanoTime, leaseId);
  }

  /** The default lock blob: {@code <state blob>.lock}, beside the desired-state blob. */
  public static String lockUrlBeside(String stateBlobUrl) {
    int query = stateBlobUrl.indexOf('?');
    return query < 0
        ? stateBlobUrl + ".lock"
        : stateBlobUrl.substring(0, query) + ".lock" + stateBlobUrl.substring(query);
  }

  @Override
  public synchronized void start() {
    if (started || closed) {
      return;
    }
    started = true;
    long retry = settings.retryPeriod().toMillis();
    scheduler.scheduleWithFixedDelay(this::tick, 0, retry, TimeUnit.MILLISECONDS);
    long check = CHECK_PERIOD.toMillis();
    scheduler.scheduleAtFixedRate(this::checkDeadline, check, check, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized boolean isLeader() {
    return holding && nanoTime.getAsLong() - renewedAt < deadlineNanos;
  }

  @Override
  public void addListener(LeadershipListener listener) {
    synchronized (announcing) {
      listeners.add(listener);
      if (announced) {
        notify(listener, true);
      }
    }
  }

  @Override
  public String identity() {
    return identity;
  }

  /** Releases the lease (a follower takes over at its next try) and stops competing. */
  @Override
  public void close() {
    stop();
    try {
      lease.release(settings.retryPeriod());
      log.info("{} released the lease on {}", identity, lockUrl);
    } catch (RuntimeException e) {
      // Not ours (any more), or storage unreachable: the lease expires on its own.
      log.debug("releasing the lease on {}: {}", lockUrl, e.toString());
    }
  }

  /**
   * Stops competing WITHOUT releasing the lease, as a killed process would: followers take over
   * only when it expires. For failover tests.
   */
  public void abandon() {
    stop();
  }

  /** One election step: renew while leading, else try to acquire. Runs every retry period. */
  void tick() {
    try {
      long sent = nanoTime.getAsLong();
      if (isLeader()) {
        renew(sent);
      } else {
        acquire(sent);
      }
    } catch (RuntimeException e) {
      log.error("leader election step failed", e);
    }
    checkDeadline();
  }

  /** Steps down once the renew deadline has passed, and tells listeners of any change. */
  void checkDeadline() {
    boolean expired;
    synchronized (this) {
      expired = holding && nanoTime.getAsLong() - renewedAt >= deadlineNanos;
      if (expired) {
        holding = false;
      }
    }
    if (expired) {
      log.warn("{} could not renew the lease on {} within {}: stepped down before it can expire",
          identity, lockUrl, settings.renewDeadline());
    }
    announce();
  }

  /** When the last successful acquire or renewal was sent (test probe). */
  synchronized long renewedAtNanos() {
    return renewedAt;
  }

  private void renew(long sent) {
    long left = deadlineNanos - (sent - renewedAtNanos());
    long bound = Math.min(left, settings.retryPeriod().toNanos());
    Duration timeout = Duration.ofNanos(Math.max(1, bound));
    try {
      if (lease.renew(timeout)) {
        synchronized (this) {
          if (holding) {
            renewedAt = sent;
          }
        }
      } else {
        synchronized (this) {
          holding = false;
        }
        log.warn("{} lost the lease on {} to another replica: stepped down", identity, lockUrl);
      }
    } catch (RuntimeException e) {
      log.warn(
          "{} could not renew the lease on {} ({}); it leads at most {} after the last renewal",
          identity, lockUrl, e.toString(), settings.renewDeadline());
    }
  }

  private void acquire(long sent) {
    boolean acquired;
    try {
      acquired = lease.acquire(settings.leaseDuration(), settings.retryPeriod());
    } catch (RuntimeException e) {
      log.debug("{} could not try the lease on {}: {}", identity, lockUrl, e.toString());
      return;
    }
    if (acquired) {
      synchronized (this) {
        if (closed) {
          return; // close() releases it
        }
        holding = true;
        renewedAt = sent;
      }
      log.info("{} acquired the lease on {}: leading", identity, lockUrl);
    }
  }

  private void stop() {
    synchronized (this) {
      closed = true;
    }
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(settings.retryPeriod().toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      holding = false;
    }
    announce();
  }

  private void announce() {
    synchronized (announcing) {
      boolean now = isLeader();
      if (now == announced) {
        return;
      }
      announced = now;
      for (LeadershipListener listener : listeners) {
        notify(listener, now);
      }
    }
  }

  private static void notify(LeadershipListener listener, boolean leading) {
    try {
      listener.leadershipChanged(leading);
    } catch (RuntimeException e) {
      log.error("leadership listener {} failed", listener, e);
    }
  }
}
