package com.arcal.controller.status;

/** Where a sale is on its way to Running (or out of the fleet). */
public enum Phase {
  /** Desired, nothing done yet (or waiting for the ARM budget). */
  PENDING("Pending"),
  /** Its Container App is being created or updated. */
  PROVISIONING("Provisioning"),
  /** The app exists; the engine is being reached and started. */
  STARTING("Starting"),
  /** The engine runs this sale at the desired generation. */
  RUNNING("Running"),
  /** Removed from desired state; its app is being deleted (or the deletion is held). */
  DELETING("Deleting"),
  /** Cannot converge without a change from an operator; see the last error. */
  FAILED("Failed");

  private final String display;

  Phase(String display) {
    this.display = display;
  }

  /** The name the API shows ("Running"). */
  public String display() {
    return display;
  }
}
