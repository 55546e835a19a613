package com.arcal.emulator;

import static com.arcal.emulator.RawArm.appBody;
import static com.arcal.emulator.RawArm.appPath;
import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.emulator.throttle.ThrottleSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ARM-like token buckets per operation type, on a clock the test moves. */
class ThrottleTest {
  @TempDir Path dataDir;
  private Emulator emulator;

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void readsBeyondTheBurst_are429WithRetryAfter_untilTheBucketRefills() {
    TestClock clock = TestClock.atEpochDay();
    emulator =
        Emulator.start(
            EmulatorSettings.builder(dataDir)
                .throttle(new ThrottleSettings(3, 0.5, 2, 1, 2, 1))
                .build(),
            new FakeContainerRuntime(clock),
            clock);
    RawArm arm = new RawArm(emulator);

    for (int remaining = 2; remaining >= 0; remaining--) {
      RawArm.Reply ok = arm.get(appPath("missing"));
      assertThat(ok.status()).isEqualTo(404);
      assertThat(ok.header("x-ms-ratelimit-remaining-subscription-reads"))
          .contains(Integer.toString(remaining));
    }
    RawArm.Reply throttled = arm.get(appPath("missing"));

    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.errorCode()).isEqualTo("SubscriptionRequestsThrottled");
    assertThat(throttled.header("Retry-After")).contains("2");
    assertThat(throttled.header("x-ms-ratelimit-remaining-subscription-reads")).contains("0");
    assertThat(arm.put(appPath("still-writable"), appBody("x")).status())
        .as("writes have their own bucket")
        .isEqualTo(201);

    clock.advance(Duration.ofSeconds(2));
    assertThat(arm.get(appPath("missing")).status()).isEqualTo(404);
    assertThat(arm.get(appPath("missing")).status()).isEqualTo(429);
    assertThat(emulator.stats().count("GET", "containerApp", 429)).isEqualTo(2);
  }

  @Test
  void writesAlsoSpendMicrosoftAppsOwnBucket_reportedInsteadOfArmsWrites() {
    TestClock clock = TestClock.atEpochDay();
    emulator =
        Emulator.start(
            EmulatorSettings.builder(dataDir)
                .throttle(new ThrottleSettings(50, 10, 50, 10, 50, 10).withProvider(2, 0.5))
                .build(),
            new FakeContainerRuntime(clock),
            clock);
    RawArm arm = new RawArm(emulator);

    for (int remaining = 1; remaining >= 0; remaining--) {
      RawArm.Reply put = arm.put(appPath("app-" + remaining), appBody("x"));
      assertThat(put.status()).isEqualTo(201);
      assertThat(put.header("x-ms-ratelimit-remaining-subscription-resource-requests"))
          .contains(Integer.toString(remaining));
      assertThat(put.header("x-ms-ratelimit-remaining-subscription-writes"))
          .as("Azure reports the provider's count instead of ARM's")
          .isEmpty();
    }
    RawArm.Reply refused = arm.put(appPath("app-x"), appBody("x"));

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.errorCode()).isEqualTo("ResourceRequestsThrottled");
    assertThat(refused.header("Retry-After")).contains("2");
    assertThat(refused.header("x-ms-ratelimit-remaining-subscription-resource-requests"))
        .contains("0");
    assertThat(arm.get(appPath("app-x")).header("x-ms-ratelimit-remaining-subscription-reads"))
        .as("reads are ARM's alone")
        .isPresent();
    assertThat(arm.delete(appPath("app-x")).header("x-ms-ratelimit-remaining-subscription-deletes"))
        .as("so are deletes, as on the recorded DELETE")
        .isPresent();

    clock.advance(Duration.ofSeconds(2));
    assertThat(arm.put(appPath("app-x"), appBody("x")).status()).isEqualTo(201);
  }
}
