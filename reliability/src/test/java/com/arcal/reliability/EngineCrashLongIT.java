package com.arcal.reliability;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario 1, full size (-Preliability-long): 50 engine kills across 10 sales. */
class EngineCrashLongIT {
  @TempDir Path dir;

  @Test
  void fiftyKilledEngines_allComeBackToRunning() {
    EngineCrashes.run(dir, 10, 50, "1-engine-crashes-long");
  }
}
