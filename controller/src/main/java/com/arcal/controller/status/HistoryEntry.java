package com.arcal.controller.status;

import java.time.Instant;
import java.util.Objects;

/** One action the controller took for a sale, with what it sent in plain words. */
public record HistoryEntry(Instant at, HistoryAction action, String detail) {
  public HistoryEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(detail, "detail");
  }
}
