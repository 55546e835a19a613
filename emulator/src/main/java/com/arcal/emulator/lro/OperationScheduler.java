package com.arcal.emulator.lro;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@code onDue} with an operation id once the injected clock has reached the operation's due
 * time. The executor's real-time delay is only a hint: the check repeats at least every {@code
 * MAX_RECHECK}, so the clock alone decides when an operation is due (a test clock moved ahead by
 * hand completes operations within that period).
 */
public final class OperationScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(OperationScheduler.class);
  private static final Duration MIN_RECHECK = Duration.ofMillis(20);
  private static final Duration MAX_RECHECK = Duration.ofMillis(500);

  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final Consumer<String> onDue;

  public OperationScheduler(
      Clock clock, ScheduledExecutorService executor, Consumer<String> onDue) {
    this.clock = clock;
    this.executor = executor;
    this.onDue = onDue;
  }

  public void schedule(String operationId, Instant dueAt) {
    Duration wait = Duration.between(clock.instant(), dueAt);
    if (wait.isNegative() || wait.isZero()) {
      submit(operationId, dueAt, Duration.ZERO);
    } else {
      Duration bounded = wait.compareTo(MAX_RECHECK) > 0 ? MAX_RECHECK : wait;
      submit(operationId, dueAt, bounded.compareTo(MIN_RECHECK) < 0 ? MIN_RECHECK : bounded);
    }
  }

  private void submit(String operationId, Instant dueAt, Duration delay) {
    try {
      executor.schedule(() -> fire(operationId, dueAt), delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The emulator is closing; the operation resumes from the state file on the next start.
      LOG.debug("not scheduling operation {}: executor is shut down", operationId);
    }
  }

  private void fire(String operationId, Instant dueAt) {
    if (clock.instant().isBefore(dueAt)) {
      schedule(operationId, dueAt);
      return;
    }
    try {
      onDue.accept(operationId);
    } catch (RuntimeException e) {
      LOG.error("completing operation {} failed", operationId, e);
    }
  }
}
