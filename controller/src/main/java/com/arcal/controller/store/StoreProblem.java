package com.arcal.controller.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Why the backing document is not in force.
 *
 * @param message what is wrong and where (line/column or field), in plain words
 * @param since when the problem was first seen
 */
public record StoreProblem(String message, Instant since) {
  public StoreProblem {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(since, "since");
  }
}
