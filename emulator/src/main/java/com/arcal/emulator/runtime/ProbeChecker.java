package com.arcal.emulator.runtime;

/** Makes one probe attempt against a container instance. */
interface ProbeChecker {

  /**
   * Runs {@code probe} once against the container listening on {@code host}, within the probe's
   * timeout; may block that long.
   */
  ProbeResult check(String host, ProbeSpec probe);
}
