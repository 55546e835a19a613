package com.arcal.controller.status;

import com.arcal.controller.sale.SaleId;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The status of every sale the controller knows of, published to readers (REST, SSE, metrics).
 * Only real changes are published; {@link #revision()} increases with each, so readers can cache
 * what they derive from a snapshot.
 */
public final class StatusBoard {
  private final Clock clock;
  private final Function<SaleId, SaleStatus> seed;
  private final ConcurrentSkipListMap<SaleId, SaleStatus> statuses = new ConcurrentSkipListMap<>();
  private final List<Consumer<StatusChange>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong revision = new AtomicLong();

  /**
   * A board whose first update of a sale starts from {@code seed}'s status for it (what the
   * controller knows before observing anything: the app name, the desired generation).
   */
  public StatusBoard(Clock clock, Function<SaleId, SaleStatus> seed) {
    this.clock = clock;
    this.seed = seed;
  }

  /** A change: {@code after} is empty when the sale left the board. */
  public record StatusChange(SaleId saleId, Optional<SaleStatus> after, long revision) {}

  public Optional<SaleStatus> get(SaleId id) {
    return Optional.ofNullable(statuses.get(id));
  }

  /** Every status, ordered by sale id. */
  public List<SaleStatus> all() {
    return List.copyOf(statuses.values());
  }

  public Map<SaleId, SaleStatus> asMap() {
    return Map.copyOf(statuses);
  }

  public long revision() {
    return revision.get();
  }

  /**
   * Applies the update to the sale's status (the seed's when it has none yet) and publishes it if
   * it changed.
   */
  public SaleStatus update(SaleId id, UnaryOperator<SaleStatus> update) {
    SaleStatus[] result = new SaleStatus[1];
    boolean[] changed = new boolean[1];
    statuses.compute(
        id,
        (k, old) -> {
          SaleStatus base = old == null ? seed.apply(id) : old;
          SaleStatus next = update.apply(base);
          changed[0] = old == null || !next.sameAs(old);
          result[0] = changed[0] ? next.at(clock.instant()) : old;
          return result[0];
        });
    if (changed[0]) {
      publish(new StatusChange(id, Optional.of(result[0]), revision.incrementAndGet()));
    }
    return result[0];
  }

  public void remove(SaleId id) {
    if (statuses.remove(id) != null) {
      publish(new StatusChange(id, Optional.empty(), revision.incrementAndGet()));
    }
  }

  public void subscribe(Consumer<StatusChange> listener) {
    listeners.add(listener);
  }

  public void unsubscribe(Consumer<StatusChange> listener) {
    listeners.remove(listener);
  }

  private void publish(StatusChange change) {
    for (Consumer<StatusChange> l : listeners) {
      l.accept(change);
    }
  }
}
