package com.arcal.emulator;

/**
 * How ARM classifies a request, for throttling, fault injection and statistics. Operation-status
 * polls are reads for ARM's budget but get their own fault settings, so that a test can disturb
 * polling without disturbing ordinary GETs.
 */
public enum OperationKind {
  READ,
  WRITE,
  DELETE,
  POLL;

  /**
   * The throttle bucket this kind spends, as named in {@code
   * x-ms-ratelimit-remaining-subscription-*}.
   */
  public String bucketName() {
    return switch (this) {
      case READ, POLL -> "reads";
      case WRITE -> "writes";
      case DELETE -> "deletes";
    };
  }
}
