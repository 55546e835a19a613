package com.arcal.reliability;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario 10, CI size: one hung engine among 5, restarted by the platform. */
class HungEngineIT {
  @TempDir Path dir;

  @Test
  void aHungEngine_isRestartedByThePlatform_withNoActionFromTheController() {
    HungEngines.run(dir, 5, "10-hung-engine-short");
  }
}
