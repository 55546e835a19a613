package com.arcal.controller.reconcile;

import java.time.Duration;

/** Hooks for metrics on each reconcile pass; must return quickly. */
public interface ReconcileObserver {
  ReconcileObserver NONE = new ReconcileObserver() {};

  default void reconciled(Duration took, Result result) {}

  default void failed(Duration took, Throwable error) {}
}
