package com.arcal.controller.store;

import com.arcal.controller.sale.DesiredState;

/** Told about every change of the desired state in force; must return quickly. */
@FunctionalInterface
public interface StoreListener {
  void changed(DesiredState before, DesiredState after);
}
