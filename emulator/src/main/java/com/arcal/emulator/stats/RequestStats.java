package com.arcal.emulator.stats;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Counts answered requests by method, route and status, for tests and benchmarks. A dropped
 * connection (lost response) is counted with status 0.
 */
public final class RequestStats {

  /** One counter's key; {@code route} is the route name, or {@code unknown}. */
  public record Key(String method, String route, int status) implements Comparable<Key> {
    public Key {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(route, "route");
    }

    @Override
    public int compareTo(Key o) {
      int c = route.compareTo(o.route);
      if (c == 0) {
        c = method.compareTo(o.method);
      }
      return c != 0 ? c : Integer.compare(status, o.status);
    }
  }

  private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

  public void record(String method, String route, int status) {
    counts.computeIfAbsent(new Key(method, route, status), k -> new LongAdder()).increment();
  }

  /** Requests with exactly this method, route and status. */
  public long count(String method, String route, int status) {
    LongAdder adder = counts.get(new Key(method, route, status));
    return adder == null ? 0 : adder.sum();
  }

  /** Requests whose key matches {@code filter}. */
  public long count(Predicate<Key> filter) {
    return counts.entrySet().stream()
        .filter(e -> filter.test(e.getKey()))
        .mapToLong(e -> e.getValue().sum())
        .sum();
  }

  public long total() {
    return count(k -> true);
  }

  /** A sorted copy of every counter. */
  public Map<Key, Long> snapshot() {
    Map<Key, Long> copy = new TreeMap<>();
    counts.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }

  public void reset() {
    counts.clear();
  }
}
