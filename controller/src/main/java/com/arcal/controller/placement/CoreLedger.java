package com.arcal.controller.placement;

import com.arcal.controller.ArcalException;
import com.arcal.controller.azure.CoreUsage;
import com.arcal.controller.azure.EnvironmentId;
import com.arcal.controller.azure.EnvironmentUsages;
import com.arcal.controller.sale.SaleId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Placement} by core accounting: each environment's usage as ARM last reported it, kept
 * current from the controller's own creations (charged when placed) and deletions (returned when
 * the app is gone), read again on every resync. ARM is read only in {@link #refresh} and after a
 * refusal, never while sales merely wait.
 *
 * <p>Invariants (all guarded by {@code this}): a sale is either in {@code homes} or in {@code
 * line}, never both; {@code line} is ordered by first arrival, which a refused sale keeps.
 */
public final class CoreLedger implements Placement {
  private static final Logger log = LoggerFactory.getLogger(CoreLedger.class);
  /** ARM reports usage as a float: 99.5 may come back as 99.49999. */
  private static final double TOLERANCE = 1e-4;
  /** After a refusal, how far below the limit the environment is taken to be, at least. */
  private static final double REFUSED_MARGIN = 1e-3;

  private final List<EnvironmentId> environments;
  private final Map<EnvironmentId, String> closed;
  private final EnvironmentUsages usages;
  private final Consumer<SaleId> wake;
  private final Map<EnvironmentId, Account> accounts = new LinkedHashMap<>();
  private final Map<SaleId, Home> homes = new HashMap<>();
  private final Map<SaleId, Long> arrivals = new HashMap<>();
  private final TreeMap<Long, Waiting> line = new TreeMap<>();
  private long nextArrival;

  public CoreLedger(List<EnvironmentId> environments, EnvironmentUsages usages, Consumer<SaleId> wake) {
    this(environments, Map.of(), usages, wake);
  }

  /**
   * @param environments the environments, in configuration order (ties go to the first)
   * @param closed those of them that take no new sales, each with the reason (the sales already
   *     there stay, and their cores count)
   * @param wake told of each waiting sale once it is placed
   */
  public CoreLedger(
      List<EnvironmentId> environments,
      Map<EnvironmentId, String> closed,
      EnvironmentUsages usages,
      Consumer<SaleId> wake) {
    if (environments.isEmpty()) {
      throw new IllegalArgumentException("at least one environment");
    }
    this.environments = List.copyOf(environments);
    Map<EnvironmentId, String> shut = new HashMap<>();
    closed.forEach((env, why) -> shut.put(configured(env).orElseThrow(
        () -> new IllegalArgumentException(env + " is closed but not among the environments")), why));
    this.closed = Map.copyOf(shut);
    this.usages = usages;
    this.wake = wake;
    this.environments.forEach(e -> accounts.put(e, new Account()));
  }

  @Override
  public Optional<EnvironmentId> place(SaleId sale, double cores) {
    List<SaleId> placed;
    Optional<EnvironmentId> where;
    synchronized (this) {
      Home home = homes.get(sale);
      if (home != null) {
        return Optional.of(home.environment());
      }
      long arrival = arrivals.computeIfAbsent(sale, s -> nextArrival++);
      line.put(arrival, new Waiting(sale, cores));
      placed = admit();
      placed.remove(sale);
      where = Optional.ofNullable(homes.get(sale)).map(Home::environment);
    }
    placed.forEach(wake);
    return where;
  }

  @Override
  public synchronized void placedAt(SaleId sale, EnvironmentId environment, double cores) {
    leaveLine(sale);
    homes.put(sale, new Home(configured(environment).orElse(environment), cores));
  }

  @Override
  public void refused(SaleId sale, EnvironmentId environment, double cores) {
    Optional<EnvironmentId> env = configured(environment);
    Optional<CoreUsage> reading = env.flatMap(this::read);
    List<SaleId> placed;
    synchronized (this) {
      homes.remove(sale);
      env.map(accounts::get).ifPresent(account -> {
        reading.ifPresent(account::set);
        // Azure's refusal is the truth its usage report may not show yet: used + cores > limit.
        account.used = Math.max(account.used, account.limit - cores + REFUSED_MARGIN);
      });
      long arrival = arrivals.computeIfAbsent(sale, s -> nextArrival++);
      line.put(arrival, new Waiting(sale, cores));
      placed = admit();
    }
    placed.forEach(wake);
  }

  @Override
  public void released(SaleId sale) {
    List<SaleId> placed;
    synchronized (this) {
      leaveLine(sale);
      arrivals.remove(sale);
      Home home = homes.remove(sale);
      if (home == null) {
        return;
      }
      Account account = accounts.get(home.environment());
      if (account != null) {
        account.used = Math.max(0, account.used - home.cores());
      }
      placed = admit();
    }
    placed.forEach(wake);
  }

  @Override
  public void refresh() {
    Map<EnvironmentId, CoreUsage> readings = new LinkedHashMap<>();
    Map<EnvironmentId, String> problems = new LinkedHashMap<>();
    for (EnvironmentId env : environments) {
      try {
        readings.put(env, usages.read(env));
      } catch (ArcalException e) {
        problems.put(env, e.getMessage());
        log.warn("core usage of {} unknown: {}", env.name(), e.getMessage());
      }
    }
    List<SaleId> placed;
    synchronized (this) {
      readings.forEach((env, usage) -> accounts.get(env).set(usage));
      // A failed read keeps the last good one; an environment never read stays closed.
      problems.forEach((env, problem) -> {
        Account account = accounts.get(env);
        if (!account.known) {
          account.problem = problem;
        }
      });
      placed = admit();
    }
    placed.forEach(wake);
  }

  @Override
  public synchronized List<EnvironmentCapacity> capacity() {
    Map<EnvironmentId, Integer> sales = new HashMap<>();
    homes.values().forEach(h -> sales.merge(h.environment(), 1, Integer::sum));
    List<EnvironmentCapacity> all = new ArrayList<>();
    accounts.forEach((env, a) -> all.add(new EnvironmentCapacity(
        env, a.known ? a.used : 0, a.known ? a.limit : 0, sales.getOrDefault(env, 0),
        a.known ? "" : a.problem, closed.getOrDefault(env, ""))));
    return all;
  }

  /** Reads no lock: the closed environments never change. */
  @Override
  public Optional<String> closedReason(EnvironmentId environment) {
    return configured(environment).map(closed::get);
  }

  /** Sales waiting for room, oldest first. */
  public synchronized List<SaleId> waiting() {
    return line.values().stream().map(Waiting::sale).toList();
  }

  /**
   * Places every waiting sale that fits, oldest first (a smaller, younger sale may fill room an
   * older one does not fit in); each on the open environment with the most free cores.
   */
  private List<SaleId> admit() {
    List<SaleId> placed = new ArrayList<>();
    var it = line.values().iterator();
    while (it.hasNext()) {
      Waiting w = it.next();
      Optional<EnvironmentId> best = mostFree(w.cores());
      if (best.isPresent()) {
        accounts.get(best.get()).used += w.cores();
        homes.put(w.sale(), new Home(best.get(), w.cores()));
        it.remove();
        placed.add(w.sale());
      }
    }
    return placed;
  }

  private Optional<EnvironmentId> mostFree(double cores) {
    EnvironmentId best = null;
    double bestFree = -1;
    for (Map.Entry<EnvironmentId, Account> e : accounts.entrySet()) {
      Account a = e.getValue();
      double free = a.limit - a.used;
      if (a.known && !closed.containsKey(e.getKey()) && free + TOLERANCE >= cores && free > bestFree) {
        best = e.getKey();
        bestFree = free;
      }
    }
    return Optional.ofNullable(best);
  }

  private void leaveLine(SaleId sale) {
    Long arrival = arrivals.get(sale);
    if (arrival != null) {
      line.remove(arrival);
    }
  }

  private Optional<EnvironmentId> configured(EnvironmentId environment) {
    return environments.stream().filter(e -> e.sameAs(environment)).findFirst();
  }

  private Optional<CoreUsage> read(EnvironmentId env) {
    try {
      return Optional.of(usages.read(env));
    } catch (ArcalException e) {
      log.warn("core usage of {} unknown after a refusal: {}", env.name(), e.getMessage());
      return Optional.empty();
    }
  }

  private record Home(EnvironmentId environment, double cores) {}

  private record Waiting(SaleId sale, double cores) {}

  /** One environment's cores; mutable, guarded by the ledger. */
  private static final class Account {
    double used;
    double limit;
    boolean known;
    String problem = "not read yet";

    void set(CoreUsage usage) {
      used = usage.used();
      limit = usage.limit();
      known = true;
      problem = "";
    }
  }
}
