package com.arcal.emulator.state;

import com.arcal.emulator.lro.Operation;
import java.util.List;

/**
 * The persisted ARM state: the content of {@code arm-state.json}.
 *
 * @param version format version, for future migrations
 * @param nextBindHost index of the next loopback address to try
 * @param apps every app
 * @param operations in-flight operations and recently completed ones (still pollable)
 */
public record StateSnapshot(
    int version, int nextBindHost, List<AppRecord> apps, List<Operation> operations) {

  public static final int CURRENT_VERSION = 1;

  public StateSnapshot {
    apps = List.copyOf(apps);
    operations = List.copyOf(operations);
  }

  public static StateSnapshot empty() {
    return empty(0);
  }

  /**
   * A new, empty cloud whose address allocation starts at {@code firstBindHost}; a random start
   * keeps emulators running side by side (tests, benchmarks) off each other's addresses.
   */
  public static StateSnapshot empty(int firstBindHost) {
    return new StateSnapshot(CURRENT_VERSION, firstBindHost, List.of(), List.of());
  }
}
