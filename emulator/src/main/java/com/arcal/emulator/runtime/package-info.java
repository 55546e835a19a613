/**
 * The "containers" behind the emulated Container Apps: one supervised replica per app.
 *
 * <p>{@link com.arcal.emulator.runtime.ContainerRuntime} is the seam the ARM layer uses;
 * {@link com.arcal.emulator.runtime.ContainerRuntimes#create} builds one of two implementations,
 * which share a single {@code Supervisor} (one small thread pool for all apps: starts, readiness
 * probes, crash backoff, graceful stops) and differ only in what a container instance is:
 *
 * <ul>
 *   <li>process mode: an OS process per app (the engine jar for {@code arcal/engine:local}), its
 *       command line marked with the app and the data folder, logged to
 *       {@code <dataDir>/runtime/logs/<app>.log}, recorded in {@code <dataDir>/runtime/replicas.json}
 *       so that a later run adopts or stops it even after this JVM was SIGKILLed;
 *   <li>in-process mode: an {@code EngineServer} per app inside this JVM, for thousands of apps.
 * </ul>
 *
 * <p>Every app listens on its own loopback address (given by the ARM layer) with the container's
 * real ports, so two apps never compete for a port.
 */
package com.arcal.emulator.runtime;
