package com.arcal.controller.status;

import java.time.Instant;
import java.util.Objects;

/**
 * A Kubernetes-style condition.
 *
 * @param type what is observed, e.g. {@code AppProvisioned}
 * @param status "True", "False" or "Unknown"
 * @param reason one CamelCase word, machine readable
 * @param message plain words for people
 * @param lastTransitionTime when {@code status} last changed
 * @param observedGeneration the sale generation this was observed for
 */
public record Condition(
    String type,
    String status,
    String reason,
    String message,
    Instant lastTransitionTime,
    long observedGeneration) {

  public static final String APP_PROVISIONED = "AppProvisioned";
  public static final String ENGINE_REACHABLE = "EngineReachable";
  public static final String SALE_RUNNING = "SaleRunning";
  public static final String DELETION_HELD = "DeletionHeld";
  /** A heal of an unreachable engine is not done (ARM says it is fine, budget spent, partition). */
  public static final String HEAL_DEFERRED = "HealDeferred";
  /** Placed on an environment (True, its id in the message), or waiting for cores (False). */
  public static final String SCHEDULED = "Scheduled";

  public Condition {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    message = message == null ? "" : message;
    Objects.requireNonNull(lastTransitionTime, "lastTransitionTime");
  }

  public boolean isTrue() {
    return "True".equals(status);
  }
}
