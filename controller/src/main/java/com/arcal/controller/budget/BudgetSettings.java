package com.arcal.controller.budget;

import java.time.Duration;
import java.util.Objects;

/**
 * Size of the shared ARM budget. The defaults are ARM's own buckets: 250 reads with 25 refilled
 * per second and 200 writes / 200 deletes with 10 per second, kept "per subscription, per service
 * principal, and per operation type" (Microsoft Learn, "Understand how Azure Resource Manager
 * throttles requests"): people in the portal spend their own. Our bucket starts refilling once
 * the request that took it below full is answered, or a second after its take (TokenBucket's
 * hold), never as early as the take: counting from the take with exact sizes, a burst of 300
 * creations met a 429 (docs/benchmarks.md), because ARM counts from the request's arrival.
 *
 * @param reads bucket for GET/LIST
 * @param writes bucket for PUT/PATCH/POST
 * @param deletes bucket for DELETE
 * @param defaultRetryAfter pause after a 429 that carried no usable Retry-After
 */
public record BudgetSettings(Bucket reads, Bucket writes, Bucket deletes, Duration defaultRetryAfter) {

  /**
   * One token bucket.
   *
   * @param burst tokens when full (requests that may go at once)
   * @param perSecond tokens added back per second
   */
  public record Bucket(int burst, double perSecond) {
    public Bucket {
      if (burst < 1) {
        throw new IllegalArgumentException("bucket burst must be >= 1, was " + burst);
      }
      if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
        throw new IllegalArgumentException("bucket refill must be > 0 per second, was " + perSecond);
      }
    }
  }

  public BudgetSettings {
    Objects.requireNonNull(reads, "reads");
    Objects.requireNonNull(writes, "writes");
    Objects.requireNonNull(deletes, "deletes");
    Objects.requireNonNull(defaultRetryAfter, "defaultRetryAfter");
    if (defaultRetryAfter.isNegative() || defaultRetryAfter.isZero()) {
      throw new IllegalArgumentException("defaultRetryAfter must be positive, was " + defaultRetryAfter);
    }
  }

  public static BudgetSettings defaults() {
    return new BudgetSettings(
        new Bucket(250, 25), new Bucket(200, 10), new Bucket(200, 10), Duration.ofSeconds(2));
  }

  public Bucket bucket(ArmOperation kind) {
    return switch (kind) {
      case READ -> reads;
      case WRITE -> writes;
      case DELETE -> deletes;
    };
  }
}
