package com.arcal.reliability;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario 10, full size: one hung engine among 20, restarted by the platform. */
class HungEngineLongIT {
  @TempDir Path dir;

  @Test
  void aHungEngineAmongTwenty_isRestartedByThePlatform_withNoActionFromTheController() {
    HungEngines.run(dir, 20, "10-hung-engine");
  }
}
