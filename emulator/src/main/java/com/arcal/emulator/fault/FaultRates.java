package com.arcal.emulator.fault;

import java.time.Duration;
import java.util.Objects;

/**
 * Probabilities of each injected fault for one operation kind. The four outcome rates (500, 503,
 * 429, lost response) are mutually exclusive and must add up to at most 1; latency and operation
 * failure are drawn independently.
 *
 * @param http500 answer 500 InternalServerError without applying the request
 * @param http503 answer 503 ServiceUnavailable without applying the request
 * @param http429 answer 429 SubscriptionRequestsThrottled (with Retry-After) without applying it
 * @param lostResponse apply the request, then stall for {@code lostResponseStall} and drop the
 *     connection, so the client sees an error for a write that happened
 * @param latency probability of adding {@code latencyAmount} before answering
 * @param operationFailure probability that a long-running operation this request starts ends {@code
 *     Failed}
 * @param latencyAmount the extra latency
 * @param lostResponseStall how long a lost response hangs before the connection drops
 */
public record FaultRates(
    double http500,
    double http503,
    double http429,
    double lostResponse,
    double latency,
    double operationFailure,
    Duration latencyAmount,
    Duration lostResponseStall) {

  public FaultRates {
    probability("http500", http500);
    probability("http503", http503);
    probability("http429", http429);
    probability("lostResponse", lostResponse);
    probability("latency", latency);
    probability("operationFailure", operationFailure);
    if (http500 + http503 + http429 + lostResponse > 1.0 + 1e-9) {
      throw new IllegalArgumentException(
          "500, 503, 429 and lost-response rates add up to more than 1");
    }
    nonNegative("latencyAmount", latencyAmount);
    nonNegative("lostResponseStall", lostResponseStall);
  }

  /** No faults at all. */
  public static FaultRates none() {
    return new FaultRates(0, 0, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO);
  }

  public boolean isNone() {
    return http500 == 0
        && http503 == 0
        && http429 == 0
        && lostResponse == 0
        && latency == 0
        && operationFailure == 0;
  }

  public FaultRates withHttp500(double rate) {
    return new FaultRates(
        rate,
        http503,
        http429,
        lostResponse,
        latency,
        operationFailure,
        latencyAmount,
        lostResponseStall);
  }

  public FaultRates withHttp503(double rate) {
    return new FaultRates(
        http500,
        rate,
        http429,
        lostResponse,
        latency,
        operationFailure,
        latencyAmount,
        lostResponseStall);
  }

  public FaultRates withHttp429(double rate) {
    return new FaultRates(
        http500,
        http503,
        rate,
        lostResponse,
        latency,
        operationFailure,
        latencyAmount,
        lostResponseStall);
  }

  public FaultRates withLostResponse(double rate, Duration stall) {
    return new FaultRates(
        http500, http503, http429, rate, latency, operationFailure, latencyAmount, stall);
  }

  public FaultRates withLatency(double rate, Duration amount) {
    return new FaultRates(
        http500, http503, http429, lostResponse, rate, operationFailure, amount, lostResponseStall);
  }

  public FaultRates withOperationFailure(double rate) {
    return new FaultRates(
        http500, http503, http429, lostResponse, latency, rate, latencyAmount, lostResponseStall);
  }

  private static void probability(String name, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(name + " must be a probability in [0, 1], got " + p);
    }
  }

  private static void nonNegative(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative");
    }
  }
}
