package com.arcal.controller.status;

import com.arcal.controller.sale.SaleId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the controller last observed and did for one sale. Observed, never stored: rebuilt from
 * Azure and the engines after a restart.
 *
 * @param saleId the sale
 * @param appName its Container App
 * @param phase where it is
 * @param conditions current conditions, one per type
 * @param wsUrl buyers' WebSocket URL once Running, else null
 * @param lastError the last error in plain words, null when the last pass went well
 * @param observedGeneration the desired generation the status describes
 * @param history the most recent actions, oldest first
 * @param updatedAt when this status last changed
 */
public record SaleStatus(
    SaleId saleId,
    String appName,
    Phase phase,
    List<Condition> conditions,
    String wsUrl,
    String lastError,
    long observedGeneration,
    List<HistoryEntry> history,
    Instant updatedAt) {

  /** How many history entries a status keeps. */
  public static final int HISTORY_LIMIT = 20;

  public SaleStatus {
    Objects.requireNonNull(saleId, "saleId");
    Objects.requireNonNull(phase, "phase");
    conditions = List.copyOf(conditions);
    history = List.copyOf(history);
  }

  public static SaleStatus initial(SaleId id, String appName, long generation, Instant now) {
    return new SaleStatus(id, appName, Phase.PENDING, List.of(), null, null, generation, List.of(), now);
  }

  public Optional<Condition> condition(String type) {
    return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
  }

  /**
   * This status with the condition set; {@code lastTransitionTime} moves only when the condition's
   * status changes.
   */
  public SaleStatus withCondition(
      String type, boolean status, String reason, String message, Instant now) {
    return withConditionStatus(type, status ? "True" : "False", reason, message, now);
  }

  /** As {@link #withCondition}, for any status ({@code "Unknown"} too). */
  public SaleStatus withConditionStatus(
      String type, String value, String reason, String message, Instant now) {
    List<Condition> next = new ArrayList<>();
    Instant since = now;
    for (Condition c : conditions) {
      if (c.type().equals(type)) {
        if (c.status().equals(value)) {
          since = c.lastTransitionTime();
        }
      } else {
        next.add(c);
      }
    }
    next.add(new Condition(type, value, reason, message, since, observedGeneration));
    next.sort((a, b) -> a.type().compareTo(b.type()));
    return new SaleStatus(
        saleId, appName, phase, next, wsUrl, lastError, observedGeneration, history, updatedAt);
  }

  public SaleStatus withoutCondition(String type) {
    List<Condition> next = conditions.stream().filter(c -> !c.type().equals(type)).toList();
    return new SaleStatus(
        saleId, appName, phase, next, wsUrl, lastError, observedGeneration, history, updatedAt);
  }

  public SaleStatus withPhase(Phase p, String url) {
    return new SaleStatus(
        saleId, appName, p, conditions, url, lastError, observedGeneration, history, updatedAt);
  }

  public SaleStatus withError(String error) {
    return new SaleStatus(
        saleId, appName, phase, conditions, wsUrl, error, observedGeneration, history, updatedAt);
  }

  /** Its app, when it is not the one named after the sale (taken from the warm pool). */
  public SaleStatus withAppName(String name) {
    return new SaleStatus(
        saleId, name, phase, conditions, wsUrl, lastError, observedGeneration, history, updatedAt);
  }

  public SaleStatus withGeneration(long generation) {
    return new SaleStatus(
        saleId, appName, phase, conditions, wsUrl, lastError, generation, history, updatedAt);
  }

  public SaleStatus withHistory(Instant at, HistoryAction action, String detail) {
    List<HistoryEntry> next = new ArrayList<>(history);
    next.add(new HistoryEntry(at, action, detail));
    if (next.size() > HISTORY_LIMIT) {
      next = next.subList(next.size() - HISTORY_LIMIT, next.size());
    }
    return new SaleStatus(
        saleId, appName, phase, conditions, wsUrl, lastError, observedGeneration, next, updatedAt);
  }

  public SaleStatus at(Instant now) {
    return new SaleStatus(
        saleId, appName, phase, conditions, wsUrl, lastError, observedGeneration, history, now);
  }

  /** Same content, ignoring {@code updatedAt}: used to publish only real changes. */
  public boolean sameAs(SaleStatus other) {
    return other != null && at(Instant.EPOCH).equals(other.at(Instant.EPOCH));
  }
}
