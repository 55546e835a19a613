package com.arcal.api.sales;

/**
 * One sale in {@code GET /sales}, the spawn answer and the event stream; the seed API's fields
 * ({@code saleId}, {@code phase}, {@code wsUrl}) first.
 *
 * @param phase display name ("Running")
 * @param wsUrl buyers' WebSocket URL, null until Running
 * @param generation desired generation, null when the sale is no longer desired (being deleted)
 */
public record SaleSummary(String saleId, String phase, String wsUrl, Long generation, String appName) {}
