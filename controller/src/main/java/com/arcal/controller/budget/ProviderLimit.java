package com.arcal.controller.budget;

import java.time.Duration;
import java.time.Instant;

/**
 * A resource provider's own limit on one kind of request, as the provider reports it: ARM routes a
 * request that passed its own buckets to the provider, which throttles on its own and says what
 * remains in {@code x-ms-ratelimit-remaining-subscription-resource-requests} (Microsoft.App does,
 * on its writes). Microsoft.App publishes neither that limit nor its refill, so both are learned:
 * the limit is the largest count ever reported plus one, and below a reserve of
 * a fifth ({@link #RESERVE_SHARE}) of it requests are spaced the wider the less remains,
 * {@code spacing = perToken × reserve / remaining} (with nothing left, twice the spacing at one).
 * Spending then slows in proportion to what is left and settles where it equals the provider's
 * refill, as long as that refill is at least one request per {@code 2 × reserve × perToken} (for
 * Microsoft.App's 700 and ARM's 10 writes per second: one per 28 s), instead of running the
 * provider dry; a refusal (429 with Retry-After) is still honoured by the operation's own bucket.
 *
 * <p>Not thread-safe: {@link ArmBudget}'s lock guards it. Invariant: {@code 0 <= remaining < limit}
 * once the provider has reported ({@code limit > 0}); before that it never delays anything.
 */
final class ProviderLimit {
  /** Below a fifth of the learned limit (rounded up), requests slow down. */
  static final int RESERVE_SHARE = 5;

  /** The operation's own refill interval: the spacing at the top of the reserve. */
  private final Duration perToken;
  private long limit;
  /** As last reported, less the requests sent since. */
  private long remaining;
  /** No request before this instant while below the reserve. */
  private Instant nextSend = Instant.MIN;

  ProviderLimit(Duration perToken) {
    this.perToken = perToken;
  }

  /** The provider said how many requests of this kind remain: believe it, up or down. */
  void report(long reported) {
    limit = Math.max(limit, reported + 1);
    remaining = Math.max(0, reported);
  }

  /** A request of this kind is being sent now. */
  void sent(Instant now) {
    if (limit == 0) {
      return;
    }
    remaining = Math.max(0, remaining - 1);
    if (belowReserve()) {
      nextSend = now.plus(spacing());
    }
  }

  /** How long until the next request may go; zero above the reserve or before any report. */
  Duration timeToSend(Instant now) {
    if (!belowReserve() || !now.isBefore(nextSend)) {
      return Duration.ZERO;
    }
    return Duration.between(now, nextSend);
  }

  /** The interval between requests of this kind now: zero above the reserve. */
  Duration spacing() {
    if (!belowReserve()) {
      return Duration.ZERO;
    }
    double widening = reserve() / (remaining == 0 ? 0.5 : remaining);
    return Duration.ofNanos((long) (perToken.toNanos() * widening));
  }

  /** The count last reported, less what was sent since; -1 before the provider reported. */
  long remaining() {
    return limit == 0 ? -1 : remaining;
  }

  private boolean belowReserve() {
    return limit > 0 && remaining <= reserve();
  }

  private long reserve() {
    return Math.max(1, (limit + RESERVE_SHARE - 1) / RESERVE_SHARE);
  }
}
