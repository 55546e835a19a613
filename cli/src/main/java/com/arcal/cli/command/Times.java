package com.arcal.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Instants as the API writes them: ISO-8601 text, or epoch seconds with a fraction. */
final class Times {
  private Times() {}

  static Optional<Instant> parse(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return Optional.empty();
    }
    if (node.isNumber()) {
      BigDecimal seconds = node.decimalValue();
      long whole = seconds.longValue();
      long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
      return Optional.of(Instant.ofEpochSecond(whole, nanos));
    }
    try {
      return Optional.of(Instant.parse(node.asText()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
