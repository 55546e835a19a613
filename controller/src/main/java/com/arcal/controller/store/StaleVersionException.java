package com.arcal.controller.store;

import com.arcal.controller.ArcalException;

/** A conditional write named a version that is no longer current; nothing was written. */
public class StaleVersionException extends ArcalException {
  private static final long serialVersionUID = 1L;
  private final String currentVersion;

  public StaleVersionException(String expected, String currentVersion) {
    super(
        "desired state changed since version " + expected + " (now " + currentVersion
            + "): read it again and retry",
        false);
    this.currentVersion = currentVersion;
  }

  public String currentVersion() {
    return currentVersion;
  }
}
