package com.arcal.controller.azure;

import java.util.Locale;

/** An app's {@code provisioningState}, parsed without regard to case (Azure's casing varies). */
public enum ProvisioningState {
  IN_PROGRESS,
  SUCCEEDED,
  FAILED,
  CANCELED,
  DELETING,
  UNKNOWN;

  public static ProvisioningState parse(String raw) {
    if (raw == null) {
      return UNKNOWN;
    }
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "inprogress", "creating", "updating", "accepted", "provisioning" -> IN_PROGRESS;
      case "succeeded" -> SUCCEEDED;
      case "failed" -> FAILED;
      case "canceled", "cancelled" -> CANCELED;
      case "deleting" -> DELETING;
      default -> UNKNOWN;
    };
  }

  /** True while Azure is still working on the app: do not write, check again later. */
  public boolean busy() {
    return this == IN_PROGRESS || this == DELETING;
  }
}
