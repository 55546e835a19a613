package com.arcal.emulator;

import static com.arcal.emulator.RawArm.appBody;
import static com.arcal.emulator.RawArm.appPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulated cloud survives a restart of the JVM hosting it. */
class PersistenceTest {
  @TempDir Path dataDir;

  @Test
  void appsAndCertificate_surviveARestart_andAreRunAgain() throws Exception {
    String bindHost;
    String revision;
    String pem;
    try (Emulator first =
        Emulator.start(
            EmulatorSettings.builder(dataDir).delays(Duration.ZERO, Duration.ZERO).build(),
            new FakeContainerRuntime())) {
      RawArm arm = new RawArm(first);
      JsonNode app = arm.createAndWait("keep-me", "arcal/engine:local");
      bindHost = arm.addressOf("keep-me");
      revision = app.path("properties").path("latestRevisionName").asText();
      pem = Files.readString(first.certificatePemPath());
    }
    assertThat(dataDir.resolve("arm-journal.jsonl")).as("every write is on disk").exists();

    FakeContainerRuntime second = new FakeContainerRuntime();
    try (Emulator again = Emulator.start(EmulatorSettings.defaults(dataDir), second)) {
      JsonNode app = new RawArm(again).get(appPath("keep-me")).body();

      assertThat(app.path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
      assertThat(app.path("properties").path("latestRevisionName").asText()).isEqualTo(revision);
      assertThat(second.ensured("keep-me"))
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.bindHost()).isEqualTo(bindHost);
                assertThat(s.revisionName()).isEqualTo(revision);
              });
      assertThat(second.retained()).containsExactly(Set.of("keep-me"));
      assertThat(Files.readString(again.certificatePemPath()))
          .as("clients keep trusting it")
          .isEqualTo(pem);
      RawArm arm = new RawArm(again);
      arm.createAndWait("new-one", "x");
      assertThat(arm.addressOf("keep-me")).as("the hosts file is rewritten on start").isEqualTo(bindHost);
      assertThat(arm.addressOf("new-one")).isNotEqualTo(bindHost);
    }
    assertThat(second.closed()).isTrue();
  }

  @Test
  void anOperationInFlight_resumesAfterARestart() {
    TestClock clock = TestClock.atEpochDay();
    EmulatorSettings slow =
        EmulatorSettings.builder(dataDir)
            .delays(Duration.ofMinutes(10), Duration.ofMinutes(10))
            .build();
    String statusUrl;
    FakeContainerRuntime firstRuntime = new FakeContainerRuntime(clock);
    try (Emulator first = Emulator.start(slow, firstRuntime, clock)) {
      RawArm.Reply put = new RawArm(first).put(appPath("half-done"), appBody("arcal/engine:local"));
      assertThat(put.status()).isEqualTo(201);
      statusUrl = put.header("Azure-AsyncOperation").orElseThrow();
    }
    assertThat(firstRuntime.ensured()).isEmpty();

    FakeContainerRuntime second = new FakeContainerRuntime(clock);
    try (Emulator again = Emulator.start(slow, second, clock)) {
      RawArm arm = new RawArm(again);
      String newStatusUrl = statusUrl.replaceFirst("https://[^/]+", again.httpsBaseUrl());
      assertThat(arm.getUrl(newStatusUrl).body().path("status").asText()).isEqualTo("InProgress");
      assertThat(second.retained()).containsExactly(Set.of());

      clock.advance(Duration.ofMinutes(11));

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> arm.getUrl(newStatusUrl).body().path("status").asText().equals("Succeeded"));
      assertThat(
              arm.get(appPath("half-done"))
                  .body()
                  .path("properties")
                  .path("provisioningState")
                  .asText())
          .isEqualTo("Succeeded");
      assertThat(second.ensured("half-done")).hasSize(1);
    }
  }
}
