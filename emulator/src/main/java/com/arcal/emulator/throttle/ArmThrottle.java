package com.arcal.emulator.throttle;

import com.arcal.emulator.OperationKind;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ARM's request budget: one bucket per subscription and operation type (reads, writes, deletes).
 * Operation-status polls spend reads, as they do in ARM. Beside them, Microsoft.App's own limit:
 * one bucket per subscription that its writes spend too (ARM throttles first, then routes the
 * request to the resource provider, which throttles on its own: "Throttling Resource Manager
 * requests", Microsoft Learn).
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

  /** Whether Microsoft.App limits this kind of request on its own: its writes. */
  public static boolean providerLimits(OperationKind kind) {
    return kind == OperationKind.WRITE;
  }

  /** Spends one token of Microsoft.App's bucket for this subscription, or says when to retry. */
  public TokenBucket.Take takeProvider(String subscription) {
    String key = subscription.toLowerCase(Locale.ROOT) + "/provider";
    return buckets
        .computeIfAbsent(
            key,
            k -> new TokenBucket(clock, settings.providerBurst(), settings.providerPerSecond()))
        .take();
  }

  public long providerLimit() {
    return settings.providerBurst();
  }

  private TokenBucket newBucket(OperationKind kind) {
    return switch (kind) {
      case READ, POLL -> new TokenBucket(clock, settings.readBurst(), settings.readsPerSecond());
      case WRITE -> new TokenBucket(clock, settings.writeBurst(), settings.writesPerSecond());
      case DELETE -> new TokenBucket(clock, settings.deleteBurst(), settings.deletesPerSecond());
    };
  }
}
