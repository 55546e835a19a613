package com.arcal.controller.reconcile;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.ContainerAppsPort;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The controller's memory of the apps in the resource group: filled by each full LIST and kept
 * current by our own writes and by GETs of apps with an operation in flight.
 *
 * <p>Invariant: an entry written after a LIST started is newer than that LIST's answer and
 * survives it (a LIST that raced with our PUT must not make the new app look absent).
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
    entries.entrySet().removeIf(e -> e.getValue().sequence() < listStarted && !seen.containsKey(e.getKey()));
    seen.forEach(
        (name, app) ->
            entries.compute(
                name,
                (k, old) ->
                    old != null && old.sequence() >= listStarted
                        ? old
                        : new Entry(new Lookup(Knowledge.PRESENT, Optional.of(app)), listStarted)));
    listedOnce = true;
  }

  public void observed(AppObservation app) {
    entries.put(
        app.name(),
        new Entry(new Lookup(Knowledge.PRESENT, Optional.of(app)), sequence.incrementAndGet()));
  }

  public void absent(String name) {
    entries.put(name, new Entry(Lookup.ABSENT, sequence.incrementAndGet()));
  }

  /** After a write whose outcome is unknown: the next pass must read before writing. */
  public void uncertain(String name) {
    entries.put(name, new Entry(Lookup.UNKNOWN, sequence.incrementAndGet()));
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

  /** Apps with an operation in flight. */
  public List<AppObservation> busy() {
    return apps().stream().filter(a -> a.state().busy()).toList();
  }

  /** Reads one LIST of the resource group costs (one per page). */
  public int listPages() {
    return Math.max(1, (apps().size() + LIST_PAGE_SIZE - 1) / LIST_PAGE_SIZE);
  }

  /**
   * True when {@code inFlight} apps are observed for fewer reads by one shared LIST than by a GET
   * each: then they are, rather than one by one in their passes.
   */
  public boolean listCheaperFor(int inFlight) {
    return inFlight > listPages();
  }
}
