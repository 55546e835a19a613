package com.arcal.api.sales;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One sale in {@code GET /sales/{id}}: its spec as written, the spec with defaults applied, and the
 * full status. {@code spec}, {@code effectiveSpec} and {@code generation} are null for a sale that
 * is no longer desired (being deleted).
 */
public record SaleDetail(
    String saleId,
    String appName,
    Spec spec,
    Spec effectiveSpec,
    Long generation,
    Status status) {

  /** A spec; null fields take the orchestrator's defaults. */
  public record Spec(String image, Map<String, String> config, String cpu, String memory) {}

  /** What the controller last observed and did. */
  public record Status(
      String phase,
      List<Condition> conditions,
      String wsUrl,
      String lastError,
      long observedGeneration,
      List<History> history,
      Instant updatedAt) {}

  /** A Kubernetes-style condition. */
  public record Condition(
      String type,
      String status,
      String reason,
      String message,
      Instant lastTransitionTime,
      long observedGeneration) {}

  /** One action the controller took. */
  public record History(Instant at, String action, String detail) {}
}
