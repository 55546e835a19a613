package com.arcal.bench.rig;

import com.arcal.controller.azure.ArmBudgetPolicy.ArmCallListener;
import java.util.concurrent.atomic.LongAdder;

/**
 * The ARM requests the controller sent, as its SDK pipeline saw them answered: the bench's count
 * when the emulator runs in another process and its own counters are out of reach. Forwards each
 * answer to the controller's own listener (its metrics).
 */
public final class ArmCalls implements ArmCallListener {
  private final ArmCallListener next;
  private final LongAdder reads = new LongAdder();
  private final LongAdder writes = new LongAdder();
  private final LongAdder throttled = new LongAdder();

  ArmCalls(ArmCallListener next) {
    this.next = next;
  }

  @Override
  public void answered(String method, int status) {
    if (method.equals("GET") || method.equals("HEAD")) {
      reads.increment();
    } else {
      writes.increment();
    }
    if (status == 429) {
      throttled.increment();
    }
    next.answered(method, status);
  }

  /** GET and HEAD requests answered, whatever their status. */
  public long reads() {
    return reads.sum();
  }

  /** Every other request (PUT, PATCH, DELETE, POST actions), whatever its status. */
  public long writes() {
    return writes.sum();
  }

  /** Requests ARM answered with 429. */
  public long throttled() {
    return throttled.sum();
  }
}
