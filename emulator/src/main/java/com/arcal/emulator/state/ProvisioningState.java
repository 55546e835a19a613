package com.arcal.emulator.state;

/** Container app provisioning states, spelled as Azure spells them. */
public enum ProvisioningState {
  InProgress,
  Succeeded,
  Failed,
  Canceled,
  Deleting
}
