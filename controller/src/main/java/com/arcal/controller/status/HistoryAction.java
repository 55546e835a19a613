package com.arcal.controller.status;

import java.util.Locale;

/** What the controller did for a sale, as its history records it. */
public enum HistoryAction {
  /** The app was created (PUT of a new app). */
  CREATED,
  /** A ready warm-pool app was bound to the sale (its tags only: no new revision). */
  BOUND,
  /** The app was given a new spec (PUT of an existing app). */
  UPDATED,
  /** The engine was started for the first time (StartSale). */
  STARTED,
  /** Something broken was repaired: an engine started again, a revision restarted, an app recreated. */
  HEALED,
  /** The app was deleted. */
  DELETED,
  /** A heal was not done, for a reason the detail gives (disruption budget spent, ARM disagrees). */
  DEFERRED;

  /** The word shown by the API and the CLI ("created", "healed"...). */
  public String display() {
    return name().toLowerCase(Locale.ROOT);
  }
}
