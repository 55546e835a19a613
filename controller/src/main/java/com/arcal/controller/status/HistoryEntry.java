package com.arcal.controller.status;

import java.time.Instant;

/** One action the controller took for a sale ("created", "started", "healed", "deleted"). */
public record HistoryEntry(Instant at, String action, String detail) {}
