package com.arcal.emulator;

import static com.arcal.emulator.RawArm.appBody;
import static com.arcal.emulator.RawArm.appPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.emulator.arm.ArmConfig;
import com.arcal.emulator.fault.FaultRates;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provisioning starts its container {@link ArmConfig#CONTAINER_START_LEAD} before it completes,
 * so the engine already answers when ARM reports Succeeded; the completion does not start it twice.
 */
class ContainerStartLeadTest {
  private static final Duration LATENCY = Duration.ofSeconds(60);

  @TempDir Path dataDir;
  private final TestClock clock = TestClock.atEpochDay();
  private final FakeContainerRuntime runtime = new FakeContainerRuntime(clock);

  private Emulator start() {
    return Emulator.start(
        EmulatorSettings.builder(dataDir).delays(LATENCY, LATENCY).build(), runtime, clock);
  }

  @Test
  void theContainerStartsAheadOfTheCompletion_once() {
    try (Emulator emulator = start()) {
      RawArm arm = new RawArm(emulator);
      assertThat(arm.put(appPath("early"), appBody("arcal/engine:local")).status()).isEqualTo(201);

      clock.advance(LATENCY.minus(ArmConfig.CONTAINER_START_LEAD).minusSeconds(1));
      assertThat(runtime.ensured("early")).as("not yet: more than the lead is left").isEmpty();

      clock.advance(Duration.ofSeconds(2));
      await().atMost(Duration.ofSeconds(10)).until(() -> runtime.ensured("early").size() == 1);
      assertThat(state(arm, "early")).isEqualTo("InProgress");

      clock.advance(ArmConfig.CONTAINER_START_LEAD);
      await().atMost(Duration.ofSeconds(10)).until(() -> state(arm, "early").equals("Succeeded"));
      assertThat(runtime.ensured("early")).hasSize(1);
    }
  }

  @Test
  void aProvisioningPlannedToFail_startsNothingAhead() {
    try (Emulator emulator = start()) {
      emulator.faults().set(OperationKind.WRITE, FaultRates.none().withOperationFailure(1.0));
      RawArm arm = new RawArm(emulator);
      assertThat(arm.put(appPath("doomed"), appBody("arcal/engine:local")).status()).isEqualTo(201);

      clock.advance(LATENCY.minusSeconds(1));
      assertThat(state(arm, "doomed")).isEqualTo("InProgress");
      clock.advance(Duration.ofSeconds(2));
      await().atMost(Duration.ofSeconds(10)).until(() -> state(arm, "doomed").equals("Failed"));
      assertThat(runtime.ensured("doomed")).isEmpty();
    }
  }

  private static String state(RawArm arm, String app) {
    return arm.get(appPath(app)).body().path("properties").path("provisioningState").asText();
  }
}
