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
 * time, and, for a provisioning that is to succeed, {@code onStart} {@code startLead} earlier: the
 * new revision's container starts before the operation completes, as Azure's provisioning time
 * includes starting it, so the engine is up when ARM reports Succeeded. The executor's real-time
 * delay is only a hint: the check repeats at least every {@code MAX_RECHECK}, so the clock alone
 * decides when an operation is due (a test clock moved ahead by hand completes operations within
 * that period).
 */
public final class OperationScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(OperationScheduler.class);
  private static final Duration MIN_RECHECK = Duration.ofMillis(20);
  private static final Duration MAX_RECHECK = Duration.ofMillis(500);

  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final Duration startLead;
  private final Consumer<String> onStart;
  private final Consumer<String> onDue;

  public OperationScheduler(
      Clock clock,
      ScheduledExecutorService executor,
      Duration startLead,
      Consumer<String> onStart,
      Consumer<String> onDue) {
    this.clock = clock;
    this.executor = executor;
    this.startLead = startLead;
    this.onStart = onStart;
    this.onDue = onDue;
  }

  /** Schedules the operation's completion (and its container's start, for a provisioning). */
  public void schedule(Operation op) {
    if (op.type() == Operation.Type.PROVISION && !op.failPlanned()) {
      schedule(op.id(), op.dueAt().minus(startLead), onStart);
    }
    schedule(op.id(), op.dueAt(), onDue);
  }

  private void schedule(String operationId, Instant at, Consumer<String> action) {
    Duration wait = Duration.between(clock.instant(), at);
    if (wait.isNegative() || wait.isZero()) {
      submit(operationId, at, action, Duration.ZERO);
    } else {
      Duration bounded = wait.compareTo(MAX_RECHECK) > 0 ? MAX_RECHECK : wait;
      submit(operationId, at, action, bounded.compareTo(MIN_RECHECK) < 0 ? MIN_RECHECK : bounded);
    }
  }

  private void submit(String operationId, Instant at, Consumer<String> action, Duration delay) {
    try {
      executor.schedule(
          () -> fire(operationId, at, action), delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The emulator is closing; the operation resumes from the state file on the next start.
      LOG.debug("not scheduling operation {}: executor is shut down", operationId);
    }
  }

  private void fire(String operationId, Instant at, Consumer<String> action) {
    if (clock.instant().isBefore(at)) {
      schedule(operationId, at, action);
      return;
    }
    try {
      action.accept(operationId);
    } catch (RuntimeException e) {
      LOG.error("operation {}: scheduled step failed", operationId, e);
    }
  }
}
