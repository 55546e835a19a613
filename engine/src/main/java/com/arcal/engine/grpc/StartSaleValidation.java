package com.arcal.engine.grpc;

import com.arcal.engine.v1.StartSaleRequest;
import java.util.Map;
import java.util.Optional;

/** Edge validation of {@code StartSale}: every problem is reported naming the proto field. */
final class StartSaleValidation {

  static final int MAX_SALE_ID_LENGTH = 128;

  private StartSaleValidation() {
  }

  /** The first problem with the request, or empty when it is well formed. */
  static Optional<String> problem(StartSaleRequest request) {
    String saleId = request.getSaleId();
    if (saleId.isBlank()) {
      return Optional.of("sale_id must not be empty");
    }
    if (saleId.length() > MAX_SALE_ID_LENGTH) {
      return Optional.of("sale_id must be at most " + MAX_SALE_ID_LENGTH + " characters, got " + saleId.length());
    }
    if (!saleId.equals(saleId.strip()) || saleId.chars().anyMatch(Character::isISOControl)) {
      return Optional.of("sale_id must not contain surrounding whitespace or control characters");
    }
    if (request.getGeneration() < 1) {
      return Optional.of("generation must be >= 1, got " + request.getGeneration());
    }
    for (Map.Entry<String, String> entry : request.getConfigMap().entrySet()) {
      if (entry.getKey().isBlank()) {
        return Optional.of("config keys must not be empty");
      }
    }
    return Optional.empty();
  }
}
