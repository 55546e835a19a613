package com.arcal.emulator.fault;

import com.arcal.emulator.OperationKind;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * Decides, per request, whether to inject a fault. Deterministic: for a given seed, rates and
 * sequence of requests, the sequence of decisions is always the same. Every request of a kind with
 * non-zero rates draws exactly three numbers (outcome, latency, operation failure), whatever the
 * outcome; kinds without faults draw none, so that enabling faults for writes does not shift the
 * decisions seen by reads. Thread-safe; with concurrent requests the order is the arrival order.
 */
public final class FaultInjector {
  private final Map<OperationKind, FaultRates> rates = new EnumMap<>(OperationKind.class);
  private Random random;

  public FaultInjector(FaultSettings settings) {
    this.random = new Random(settings.seed());
    rates.putAll(settings.rates());
  }

  /** Restarts the random sequence from {@code seed}. */
  public synchronized void reseed(long seed) {
    random = new Random(seed);
  }

  public synchronized void set(OperationKind kind, FaultRates kindRates) {
    rates.put(kind, kindRates);
  }

  /** Removes every fault. */
  public synchronized void clear() {
    rates.clear();
  }

  public synchronized FaultRates rates(OperationKind kind) {
    return rates.getOrDefault(kind, FaultRates.none());
  }

  public synchronized FaultDecision decide(OperationKind kind) {
    FaultRates r = rates(kind);
    if (r.isNone()) {
      return FaultDecision.NONE;
    }
    double outcomeDraw = random.nextDouble();
    double latencyDraw = random.nextDouble();
    double failureDraw = random.nextDouble();
    FaultDecision.Outcome outcome = outcome(r, outcomeDraw);
    return new FaultDecision(
        outcome,
        latencyDraw < r.latency() ? r.latencyAmount() : Duration.ZERO,
        failureDraw < r.operationFailure(),
        outcome == FaultDecision.Outcome.LOST_RESPONSE ? r.lostResponseStall() : Duration.ZERO);
  }

  private static FaultDecision.Outcome outcome(FaultRates r, double draw) {
    double edge = r.http500();
    if (draw < edge) {
      return FaultDecision.Outcome.HTTP_500;
    }
    edge += r.http503();
    if (draw < edge) {
      return FaultDecision.Outcome.HTTP_503;
    }
    edge += r.http429();
    if (draw < edge) {
      return FaultDecision.Outcome.HTTP_429;
    }
    edge += r.lostResponse();
    if (draw < edge) {
      return FaultDecision.Outcome.LOST_RESPONSE;
    }
    return FaultDecision.Outcome.NORMAL;
  }
}
