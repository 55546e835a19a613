package com.arcal.controller.placement;

import com.arcal.controller.azure.ArmException;
import java.util.Locale;

/**
 * Recognises Azure's refusal of an app for lack of cores in its environment. "Quotas for Azure
 * Container Apps" names the error people see: "Maximum Allowed Cores exceeded for the Managed
 * Environment."; no error code is documented, so the message decides.
 */
public final class QuotaRefusal {
  private static final String MESSAGE = "maximum allowed cores exceeded";

  private QuotaRefusal() {}

  public static boolean is(ArmException e) {
    return e.status() >= 400
        && e.status() < 500
        && e.getMessage() != null
        && e.getMessage().toLowerCase(Locale.ROOT).contains(MESSAGE);
  }
}
