package com.arcal.controller.pool;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.ArmException;
import com.arcal.controller.azure.ContainerAppsPort;
import com.arcal.controller.azure.ProvisioningState;
import com.arcal.controller.reconcile.HeldDeletions;
import com.arcal.controller.reconcile.ObservedApps;
import com.arcal.controller.reconcile.source.Source;
import com.arcal.controller.secret.EngineSecrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the pool at its size, one ARM write per tick at most: replaces a free app that is
 * unhealthy, failed or of an old spec; creates one while fewer are ready or provisioning than the
 * size, but only while no sale waits in the work queue (sales first); deletes one while there are
 * more. Its deletions are judged by the blast-radius brake with the sales' ({@link
 * HeldDeletions}): a size lowered from 50 to 0 waits for an operator's confirmation, as 50 sales
 * removed at once would. Each tick also reads the free apps with an operation in flight, which
 * no sale's pass reads. A {@link Source} for its lifecycle only: it runs on its own thread,
 * because a creation may wait for the ARM budget and must not hold up the sources' shared one.
 */
public final class PoolKeeper implements Source {
  private static final Logger log = LoggerFactory.getLogger(PoolKeeper.class);
  /** Free apps in flight are read this often at most: a small share of ARM's read rate. */
  static final Duration READ_EVERY = Duration.ofSeconds(1);

  private final WarmPool pool;
  private final PoolMembers members;
  private final ContainerAppsPort apps;
  private final ObservedApps observed;
  private final HeldDeletions deletions;
  private final EngineSecrets secrets;
  private final BooleanSupplier leading;
  private final BooleanSupplier salesIdle;
  private final Duration interval;
  private final Clock clock;
  private Instant lastRead = Instant.EPOCH;
  private ScheduledExecutorService thread;

  public PoolKeeper(
      WarmPool pool,
      PoolMembers members,
      ContainerAppsPort apps,
      ObservedApps observed,
      HeldDeletions deletions,
      EngineSecrets secrets,
      BooleanSupplier leading,
      BooleanSupplier salesIdle,
      Duration interval,
      Clock clock) {
    this.pool = pool;
    this.members = members;
    this.apps = apps;
    this.observed = observed;
    this.deletions = deletions;
    this.secrets = secrets;
    this.leading = leading;
    this.salesIdle = salesIdle;
    this.interval = interval;
    this.clock = clock;
  }

  @Override
  public synchronized void start(ScheduledExecutorService shared) {
    thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "arcal-pool-keeper");
      t.setDaemon(true);
      return t;
    });
    thread.scheduleWithFixedDelay(this::safeTick, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void safeTick() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.warn("warm pool: {}", e.getMessage());
    }
  }

  /** One look at the pool and at most one write; returns what it did, for tests and logs. */
  public String tick() {
    if (!leading.getAsBoolean()) {
      deletions.planPoolDeletions(Set.of());
      return "not leading";
    }
    if (!observed.listedOnce()) {
      // After a restart the pool apps of before are not known yet: creating now would overfill.
      return "waiting for the first LIST";
    }
    // Pool apps only, by their names' prefix: a walk of every app, twice a tick, was the keeper's
    // whole cost at 10,000 sales, with the pool off.
    List<AppObservation> free = freeApps().toList();
    refreshInFlight(free);
    free = freeApps()
        .sorted(Comparator.comparing(AppObservation::name)).toList();
    String poolHash = pool.spec().hash();
    List<AppObservation> stale = free.stream().filter(a -> isStale(a, poolHash)).toList();
    List<AppObservation> counted = free.stream()
        .filter(a -> !stale.contains(a))
        .filter(a -> a.state() == ProvisioningState.SUCCEEDED || a.state() == ProvisioningState.IN_PROGRESS)
        .toList();
    int size = pool.size();
    // The newest go first: the oldest are the likeliest to be ready.
    List<AppObservation> surplus = counted.subList(Math.min(size, counted.size()), counted.size());
    deletions.planPoolDeletions(
        Stream.concat(stale.stream(), surplus.stream()).map(AppObservation::name).collect(Collectors.toSet()));
    if (!stale.isEmpty()) {
      return delete(stale.get(0), "replaced");
    }
    if (!surplus.isEmpty()) {
      return delete(surplus.get(surplus.size() - 1), "surplus");
    }
    if (counted.size() < size && salesIdle.getAsBoolean()) {
      return create();
    }
    return "steady";
  }

  private Stream<AppObservation> freeApps() {
    return observed.named(PoolNaming.PREFIX).stream().filter(members::isFree);
  }

  /**
   * Reads the free apps with an operation in flight, at most once per {@link #READ_EVERY}: one
   * LIST when that is fewer reads than a GET each (many in flight), else a GET each.
   */
  private void refreshInFlight(List<AppObservation> free) {
    List<AppObservation> busy = free.stream().filter(a -> a.state().busy()).toList();
    Instant now = clock.instant();
    if (busy.isEmpty() || Duration.between(lastRead, now).compareTo(READ_EVERY) < 0) {
      return;
    }
    lastRead = now;
    if (observed.listCheaperFor(busy.size())) {
      observed.relist(apps);
      return;
    }
    for (AppObservation a : busy) {
      Optional<AppObservation> read = apps.get(a.name());
      if (read.isPresent()) {
        observed.observed(read.get());
      } else {
        observed.absent(a.name());
        secrets.forget(a.name());
      }
    }
  }

  private boolean isStale(AppObservation app, String poolHash) {
    if (app.state() == ProvisioningState.DELETING) {
      return false;
    }
    return pool.unhealthy().contains(app.name())
        || app.state() == ProvisioningState.FAILED
        || app.state() == ProvisioningState.CANCELED
        || (!app.state().busy() && !poolHash.equals(app.tags().get(PoolMembers.POOL)));
  }

  private String create() {
    String name = pool.naming().next();
    var request = pool.spec().request(name, secrets.fresh(name));
    try {
      observed.observed(apps.beginCreateOrUpdate(request));
    } catch (ArmException e) {
      if (e.outcomeUnknown()) {
        observed.uncertain(name);
      }
      throw e;
    }
    return "created " + name;
  }

  private String delete(AppObservation app, String why) {
    if (!deletions.mayDelete(app.name())) {
      return "held " + app.name() + " (blast-radius brake: POST /deletions/confirm)";
    }
    if (!pool.hold(app.name())) {
      return "skipped " + app.name() + " (being bound)";
    }
    try {
      if (observed.lookup(app.name()).app().filter(members::isFree).isEmpty()) {
        return "skipped " + app.name() + " (bound meanwhile)";
      }
      apps.beginDelete(app.name());
      observed.observed(app.withState(ProvisioningState.DELETING));
      pool.replaced(app.name());
      return why + " " + app.name();
    } finally {
      pool.release(app.name());
    }
  }

  @Override
  public synchronized void close() {
    if (thread != null) {
      thread.shutdownNow();
    }
  }
}
