package com.arcal.engine.sale;

/** The request is well formed but contradicts the sale this engine holds (gRPC FAILED_PRECONDITION). */
public final class SaleConflictException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SaleConflictException(String message) {
    super(message);
  }
}
