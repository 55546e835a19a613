package com.arcal.engine.sale;

import com.arcal.engine.v1.SaleState;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The one sale of one engine, and the rules for changing it. Thread-safe: every transition runs
 * under one lock and publishes a new immutable {@link Sale}; a lock rather than a monitor, so the
 * health check can tell a wedged sale from a busy one ({@link #responsive}).
 *
 * <p>An engine serves one sale for its whole life: once a sale id is accepted, any other sale id is
 * refused. Requests are assumed validated at the edge (non-empty id, generation at least 1).
 */
public final class EngineState {

  private final Clock clock;
  private final ReentrantLock transitions = new ReentrantLock();
  private volatile Sale sale = Sale.idle();

  public EngineState(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public Sale current() {
    return sale;
  }

  /**
   * Whether a transition could start within {@code wait}: false while one is stuck (a deadlock, a
   * transition that never returns), which is what the engine's {@code /healthz} reports as a dead
   * sale loop.
   */
  public boolean responsive(Duration wait) {
    try {
      if (transitions.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        transitions.unlock();
        return true;
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Starts (or resumes, or reconfigures) the sale.
   *
   * <ul>
   *   <li>idle: the sale starts now;
   *   <li>same sale, same generation, running: nothing changes (idempotent retry);
   *   <li>same sale, newer generation: config and generation are replaced in place, buyers stay;
   *   <li>same sale, stopped: it runs again, keeping its original start time;
   *   <li>another sale, or an older generation: {@link SaleConflictException}.
   * </ul>
   */
  public Sale start(String saleId, long generation, Map<String, String> config) {
    return underLock(() -> startLocked(saleId, generation, config));
  }

  private Sale startLocked(String saleId, long generation, Map<String, String> config) {
    Sale now = sale;
    if (now.state() == SaleState.SALE_STATE_IDLE) {
      sale = new Sale(saleId, SaleState.SALE_STATE_RUNNING, generation, config, clock.instant());
      return sale;
    }
    requireSameSale(now, saleId);
    if (generation < now.generation()) {
      throw new SaleConflictException("generation " + generation + " of sale " + saleId
          + " is older than generation " + now.generation() + " held by this engine");
    }
    if (generation == now.generation() && now.isRunning()) {
      return now;
    }
    sale = now.with(SaleState.SALE_STATE_RUNNING, generation, config);
    return sale;
  }

  /**
   * Stops the sale. Stopping a stopped or idle engine changes nothing.
   *
   * @param saleId the sale the caller means to stop, or empty for whatever sale runs
   */
  public Sale stop(String saleId) {
    return underLock(() -> stopLocked(saleId));
  }

  private Sale stopLocked(String saleId) {
    Sale now = sale;
    if (now.state() == SaleState.SALE_STATE_IDLE) {
      return now;
    }
    if (!saleId.isEmpty()) {
      requireSameSale(now, saleId);
    }
    if (now.state() != SaleState.SALE_STATE_STOPPED) {
      sale = now.with(SaleState.SALE_STATE_STOPPED, now.generation(), now.config());
    }
    return sale;
  }

  /** Runs {@code transition} holding the transitions lock (package-private for tests). */
  <T> T underLock(Supplier<T> transition) {
    transitions.lock();
    try {
      return transition.get();
    } finally {
      transitions.unlock();
    }
  }

  private static void requireSameSale(Sale now, String saleId) {
    if (!now.saleId().equals(saleId)) {
      throw new SaleConflictException("engine already holds sale " + now.saleId() + " ("
          + now.state().name().replace("SALE_STATE_", "") + "), refusing sale " + saleId);
    }
  }
}
