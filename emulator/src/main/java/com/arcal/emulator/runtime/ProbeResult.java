package com.arcal.emulator.runtime;

import java.util.Objects;

/** One probe attempt: passed, or why not (the kubelet's wording where it has one). */
record ProbeResult(boolean success, String detail) {

  ProbeResult {
    Objects.requireNonNull(detail, "detail");
  }

  static ProbeResult passed() {
    return new ProbeResult(true, "");
  }

  static ProbeResult failed(String detail) {
    return new ProbeResult(false, detail);
  }
}
