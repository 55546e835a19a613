package com.arcal.reliability;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario 11, full size: 20 engines unreachable for 5 minutes with the default thresholds. */
class PartitionLongIT {
  @TempDir Path dir;

  @Test
  void aFiveMinutePartition_restartsAndDeletesNothing() {
    Partitions.run(dir, 20, Duration.ofMinutes(5), null, null, "11-partition");
  }
}
