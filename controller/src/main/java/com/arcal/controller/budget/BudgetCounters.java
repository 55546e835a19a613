package com.arcal.controller.budget;

import java.time.Duration;

/**
 * Cumulative figures of one kind of operation, for metrics.
 *
 * @param granted tokens handed out
 * @param denied acquires that gave up (no token within their maximum wait)
 * @param throttled 429 answers reported through {@link ArmBudget#onThrottled}
 * @param waited total time callers spent waiting for granted tokens
 */
public record BudgetCounters(long granted, long denied, long throttled, Duration waited) {}
