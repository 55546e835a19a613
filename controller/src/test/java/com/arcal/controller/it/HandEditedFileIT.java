package com.arcal.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.controller.store.FileDesiredStateStore;
import com.arcal.emulator.runtime.RuntimeSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operators edit the desired-state file by hand; the fleet follows, and a broken edit is ignored. */
class HandEditedFileIT {
  @TempDir Path dir;

  @Test
  void handEditsConvergeAndABrokenFileDeletesNothing() throws Exception {
    Path file = dir.resolve("desired-state.json");
    try (EmulatedAzure azure =
            EmulatedAzure.start(dir.resolve("emulator"), RuntimeSettings.Mode.IN_PROCESS, Duration.ofMillis(100));
        FileDesiredStateStore store =
            new FileDesiredStateStore(file, TestOrchestrator.NAMING, Clock.systemUTC(), Duration.ofMillis(200));
        TestOrchestrator orchestrator = new TestOrchestrator(azure, store).start()) {

      Files.writeString(file, "{\"sales\": {\"vente-01\": {\"config\": {\"lots\": \"3\"}}, \"vente-02\": {}}}");
      await().atMost(Duration.ofSeconds(30))
          .until(() -> orchestrator.running("vente-01") && orchestrator.running("vente-02"));

      Files.writeString(file, "{\"sales\": {\"vente-01\": {");
      await().atMost(Duration.ofSeconds(10)).until(() -> store.problem().isPresent());
      orchestrator.parts.resync().run();

      assertThat(store.problem().orElseThrow().message()).containsIgnoringCase("line");
      assertThat(orchestrator.running("vente-02")).isTrue();
      assertThat(azure.emulator.stats().count(k -> k.method().equals("DELETE"))).isZero();

      Files.writeString(file, "{\"sales\": {\"vente-01\": {\"config\": {\"lots\": \"3\"}}}}");
      await().atMost(Duration.ofSeconds(30)).until(() -> orchestrator.status("vente-02").isEmpty());
      assertThat(orchestrator.running("vente-01")).isTrue();
    }
  }
}
