package com.arcal.controller.reconcile;

import java.time.Duration;

/** Hooks for metrics on each reconcile pass and each resync; must return quickly. */
public interface ReconcileObserver {
  ReconcileObserver NONE = new ReconcileObserver() {};

  default void reconciled(Duration took, Result result) {}

  default void failed(Duration took, Throwable error) {}

  /** A resync listed every app ({@code listed} of them); followers resync too. */
  default void resynced(int listed) {}
}
