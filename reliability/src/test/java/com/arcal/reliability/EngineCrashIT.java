package com.arcal.reliability;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario 1, CI size: 10 engine kills across 5 sales. */
class EngineCrashIT {
  @TempDir Path dir;

  @Test
  void tenKilledEngines_allComeBackToRunning() {
    EngineCrashes.run(dir, 5, 10, "1-engine-crashes-short");
  }
}
