package com.arcal.emulator;

import static com.arcal.emulator.RawArm.appBody;
import static com.arcal.emulator.RawArm.appPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.arcal.emulator.fault.FaultRates;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeded fault injection: deterministic errors, failed operations and lost responses. */
class FaultInjectionTest {
  @TempDir Path dataDir;
  private FakeContainerRuntime runtime;
  private Emulator emulator;
  private RawArm arm;

  @BeforeEach
  void start() {
    runtime = new FakeContainerRuntime();
    emulator =
        Emulator.start(
            EmulatorSettings.builder(dataDir)
                .delays(Duration.ofMillis(20), Duration.ofMillis(20))
                .build(),
            runtime);
    arm = new RawArm(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private List<Integer> statusesOf40Reads() {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      statuses.add(arm.get(appPath("missing")).status());
    }
    return statuses;
  }

  @Test
  void sameSeed_givesSameSequenceOfFaults() {
    emulator
        .faults()
        .set(
            OperationKind.READ,
            FaultRates.none().withHttp500(0.25).withHttp503(0.15).withHttp429(0.2));

    emulator.faults().reseed(7);
    List<Integer> first = statusesOf40Reads();
    emulator.faults().reseed(7);
    List<Integer> second = statusesOf40Reads();
    emulator.faults().reseed(8);
    List<Integer> other = statusesOf40Reads();

    assertThat(second).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    assertThat(first).contains(404, 500, 503, 429);
  }

  @Test
  void injected429_carriesRetryAfter_andWritesAreNotApplied() {
    emulator.faults().set(OperationKind.WRITE, FaultRates.none().withHttp500(1.0));

    RawArm.Reply reply = arm.put(appPath("never"), appBody("x"));

    assertThat(reply.status()).isEqualTo(500);
    assertThat(reply.errorCode()).isEqualTo("InternalServerError");
    emulator.faults().clear();
    assertThat(arm.get(appPath("never")).status()).isEqualTo(404);
    emulator.faults().set(OperationKind.READ, FaultRates.none().withHttp429(1.0));
    RawArm.Reply throttled = arm.get(appPath("never"));
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.header("Retry-After")).contains("1");
  }

  @Test
  void operationFailure_endsTheOperationFailed_andTheAppFailed() {
    emulator.faults().set(OperationKind.WRITE, FaultRates.none().withOperationFailure(1.0));

    RawArm.Reply put = arm.put(appPath("doomed"), appBody("x"));
    String statusUrl = put.header("Azure-AsyncOperation").orElseThrow();
    JsonNode status =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> arm.getUrl(statusUrl).body(),
                b -> !b.path("status").asText().equals("InProgress"));

    assertThat(status.path("status").asText()).isEqualTo("Failed");
    assertThat(status.path("error").path("code").asText()).isEqualTo("ContainerAppOperationError");
    assertThat(
            arm.get(appPath("doomed")).body().path("properties").path("provisioningState").asText())
        .isEqualTo("Failed");
    assertThat(runtime.ensured("doomed")).isEmpty();

    emulator.faults().clear();
    assertThat(arm.put(appPath("doomed"), appBody("x")).status())
        .as("a failed app can be retried")
        .isEqualTo(201);
    arm.awaitState("doomed", "Succeeded");
  }

  @Test
  void lostResponse_appliesTheWrite_butTheClientSeesAnError() {
    emulator
        .faults()
        .set(OperationKind.WRITE, FaultRates.none().withLostResponse(1.0, Duration.ZERO));

    assertThatThrownBy(() -> arm.put(appPath("ghost"), appBody("x")))
        .isInstanceOf(UncheckedIOException.class);

    emulator.faults().clear();
    arm.awaitState("ghost", "Succeeded");
    assertThat(emulator.stats().count("PUT", "containerApp", 0)).isEqualTo(1);
  }

  @Test
  void latency_delaysTheAnswer() {
    emulator
        .faults()
        .set(OperationKind.READ, FaultRates.none().withLatency(1.0, Duration.ofMillis(300)));

    long start = System.nanoTime();
    assertThat(arm.get(appPath("slow")).status()).isEqualTo(404);

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }
}
