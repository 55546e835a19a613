package com.arcal.emulator.throttle;

import com.arcal.emulator.OperationKind;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ARM's request budget: one bucket per subscription and operation type (reads, writes, deletes).
 * Operation-status polls spend reads, as they do in ARM.
 */
public final class ArmThrottle {
  private final Clock clock;
  private final ThrottleSettings settings;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  public ArmThrottle(Clock clock, ThrottleSettings settings) {
    this.clock = clock;
    this.settings = settings;
  }

  /** Spends one token of the request's bucket, or says when to retry. */
  public TokenBucket.Take take(String subscription, OperationKind kind) {
    String key = subscription.toLowerCase(Locale.ROOT) + "/" + kind.bucketName();
    return buckets.computeIfAbsent(key, k -> newBucket(kind)).take();
  }

  private TokenBucket newBucket(OperationKind kind) {
    return switch (kind) {
      case READ, POLL -> new TokenBucket(clock, settings.readBurst(), settings.readsPerSecond());
      case WRITE -> new TokenBucket(clock, settings.writeBurst(), settings.writesPerSecond());
      case DELETE -> new TokenBucket(clock, settings.deleteBurst(), settings.deletesPerSecond());
    };
  }
}
