package com.arcal.emulator.fault;

import java.time.Duration;
import java.util.Objects;

/**
 * What fault injection decided for one request.
 *
 * @param outcome how the request is answered
 * @param extraLatency added before the answer is sent (zero for none)
 * @param failOperation whether a long-running operation the request starts must end Failed
 * @param stall for a lost response, how long to hang before dropping the connection
 */
public record FaultDecision(
    Outcome outcome, Duration extraLatency, boolean failOperation, Duration stall) {

  /** The answer the request gets. */
  public enum Outcome {
    NORMAL,
    HTTP_500,
    HTTP_503,
    HTTP_429,
    LOST_RESPONSE
  }

  public static final FaultDecision NONE =
      new FaultDecision(Outcome.NORMAL, Duration.ZERO, false, Duration.ZERO);

  public FaultDecision {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(extraLatency, "extraLatency");
    Objects.requireNonNull(stall, "stall");
  }
}
