package com.arcal.reliability;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 11, CI size: 10 engines unreachable for 20 s while the orchestrator heals after 2 s
 * (restart) and 4 s more (recreate): the partition outlasts every threshold several times.
 */
class PartitionIT {
  @TempDir Path dir;

  @Test
  void aPartitionLongerThanEveryHealThreshold_restartsAndDeletesNothing() {
    Partitions.run(dir, 10, Duration.ofSeconds(20), "2s", "4s", "11-partition-short");
  }
}
