package com.arcal.controller.reconcile;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.ContainerAppsPort;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The controller's memory of the apps in the resource group: filled by each full LIST and kept
 * current by our own writes and by GETs of apps with an operation in flight.
 *
 * <p>Invariant: an entry written after a LIST started is newer than that LIST's answer and
 * survives it (a LIST that raced with our PUT must not make the new app look absent).
 *
 * <p>The questions asked on every reconcile pass (how many apps are busy, which app carries a
 * sale's id, which apps have a name prefix) are answered from indexes kept with each entry, not
 * by walking every app: with 10,000 apps a walk per pass made convergence quadratic. Each index
 * is updated inside the map's atomic {@code compute} of its key, so it never disagrees with the
 * entry it describes.
 */
public final class ObservedApps {
  /** Apps per page of ARM's LIST of container apps, to estimate what a LIST costs. */
  public static final int LIST_PAGE_SIZE = 100;

  /** What is known about one name. */
  public enum Knowledge {
    PRESENT,
    ABSENT,
    /** Never listed yet, or a write's outcome is unknown: read before writing. */
    UNKNOWN
  }

  /** The answer to a lookup. */
  public record Lookup(Knowledge knowledge, Optional<AppObservation> app) {
    static final Lookup ABSENT = new Lookup(Knowledge.ABSENT, Optional.empty());
    static final Lookup UNKNOWN = new Lookup(Knowledge.UNKNOWN, Optional.empty());
  }

  private record Entry(Lookup lookup, long sequence) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  /** Names of the apps known to exist, sorted (prefix queries), and how many there are. */
  private final NavigableSet<String> present = new ConcurrentSkipListSet<>();
  private final AtomicInteger presentCount = new AtomicInteger();
  /** Names of the apps with an operation in flight. */
  private final Set<String> busy = ConcurrentHashMap.newKeySet();
  /** Names of the apps by the sale id they carry in their tags. */
  private final Map<String, Set<String>> bySaleId = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private volatile boolean listedOnce;

  /**
   * Sends one full LIST and replaces what it saw, keeping entries written while it was in flight.
   * Returns the apps listed; a failed LIST throws and changes nothing.
   */
  public List<AppObservation> relist(ContainerAppsPort port) {
    long started = sequence.incrementAndGet();
    List<AppObservation> listed = port.list();
    replace(started, listed);
    return listed;
  }

  private synchronized void replace(long listStarted, List<AppObservation> apps) {
    Map<String, AppObservation> seen = new ConcurrentHashMap<>();
    apps.forEach(a -> seen.put(a.name(), a));
    for (String name : List.copyOf(entries.keySet())) {
      if (!seen.containsKey(name)) {
        entries.computeIfPresent(name, (k, old) -> old.sequence() < listStarted ? indexed(k, old, null) : old);
      }
    }
    seen.forEach(
        (name, app) ->
            entries.compute(
                name,
                (k, old) ->
                    old != null && old.sequence() >= listStarted
                        ? old
                        : indexed(k, old, new Entry(new Lookup(Knowledge.PRESENT, Optional.of(app)), listStarted))));
    listedOnce = true;
  }

  public void observed(AppObservation app) {
    put(app.name(), new Lookup(Knowledge.PRESENT, Optional.of(app)));
  }

  public void absent(String name) {
    put(name, Lookup.ABSENT);
  }

  /** After a write whose outcome is unknown: the next pass must read before writing. */
  public void uncertain(String name) {
    put(name, Lookup.UNKNOWN);
  }

  private void put(String name, Lookup lookup) {
    Entry entry = new Entry(lookup, sequence.incrementAndGet());
    entries.compute(name, (k, old) -> indexed(k, old, entry));
  }

  /**
   * Moves the indexes of {@code name} from {@code old} to {@code next} (null: removed) and returns
   * {@code next}; called only inside the map's compute of that key.
   */
  private Entry indexed(String name, Entry old, Entry next) {
    Optional<AppObservation> was = old == null ? Optional.empty() : old.lookup().app();
    Optional<AppObservation> now = next == null ? Optional.empty() : next.lookup().app();
    if (was.isPresent() != now.isPresent()) {
      if (now.isPresent()) {
        present.add(name);
        presentCount.incrementAndGet();
      } else {
        present.remove(name);
        presentCount.decrementAndGet();
      }
    }
    if (now.isPresent() && now.get().state().busy()) {
      busy.add(name);
    } else {
      busy.remove(name);
    }
    Optional<String> saleBefore = was.flatMap(a -> a.tag(Ownership.SALE_ID));
    Optional<String> saleAfter = now.flatMap(a -> a.tag(Ownership.SALE_ID));
    if (!saleBefore.equals(saleAfter)) {
      saleBefore.ifPresent(
          sale -> bySaleId.computeIfPresent(sale, (s, names) -> {
            names.remove(name);
            return names.isEmpty() ? null : names;
          }));
      // Added inside the sale's own compute, as removed: an add outside it could land in a set
      // another name's removal has just dropped from the map.
      saleAfter.ifPresent(
          sale -> bySaleId.compute(sale, (s, names) -> {
            Set<String> kept = names == null ? ConcurrentHashMap.newKeySet() : names;
            kept.add(name);
            return kept;
          }));
    }
    return next;
  }

  public Lookup lookup(String name) {
    Entry e = entries.get(name);
    if (e != null) {
      return e.lookup();
    }
    return listedOnce ? Lookup.ABSENT : Lookup.UNKNOWN;
  }

  /** Whether a full LIST has been seen: before it, an app not known may well exist. */
  public boolean listedOnce() {
    return listedOnce;
  }

  /** Every app known to exist. */
  public List<AppObservation> apps() {
    return entries.values().stream().flatMap(e -> e.lookup().app().stream()).toList();
  }

  /** Whether no app is known to exist. */
  public boolean isEmpty() {
    return presentCount.get() == 0;
  }

  /** The apps whose name starts with {@code prefix}, in name order. */
  public List<AppObservation> named(String prefix) {
    return appsOf(present.subSet(prefix, true, prefix + Character.MAX_VALUE, true));
  }

  /** The apps carrying {@code saleId} in their sale-id tag (whoever owns them), in name order. */
  public List<AppObservation> carrying(String saleId) {
    Set<String> names = bySaleId.get(saleId);
    return names == null ? List.of() : appsOf(new TreeSet<>(names));
  }

  /** Apps with an operation in flight. */
  public List<AppObservation> busy() {
    return appsOf(List.copyOf(busy)).stream().filter(a -> a.state().busy()).toList();
  }

  /** How many apps have an operation in flight, without listing them. */
  public int busyCount() {
    return busy.size();
  }

  /** Reads one LIST of the resource group costs (one per page). */
  public int listPages() {
    return Math.max(1, (presentCount.get() + LIST_PAGE_SIZE - 1) / LIST_PAGE_SIZE);
  }

  /**
   * True when {@code inFlight} apps are observed for fewer reads by one shared LIST than by a GET
   * each: then they are, rather than one by one in their passes.
   */
  public boolean listCheaperFor(int inFlight) {
    return inFlight > listPages();
  }

  private List<AppObservation> appsOf(Collection<String> names) {
    return names.stream().flatMap(n -> lookup(n).app().stream()).toList();
  }
}
