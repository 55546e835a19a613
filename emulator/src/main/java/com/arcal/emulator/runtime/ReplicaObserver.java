package com.arcal.emulator.runtime;

/** Told about instances the {@link Supervisor} starts and replicas it forgets. */
interface ReplicaObserver {

  ReplicaObserver NONE = new ReplicaObserver() {
    @Override
    public void launched(String appName, ReplicaStatus status, Container container) {}

    @Override
    public void removed(String appName) {}
  };

  /** A new instance of the app's replica was started (first start, restart or new revision). */
  void launched(String appName, ReplicaStatus status, Container container);

  /** The app's replica was stopped and forgotten. */
  void removed(String appName);
}
