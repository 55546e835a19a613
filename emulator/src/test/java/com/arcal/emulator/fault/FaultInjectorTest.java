package com.arcal.emulator.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arcal.emulator.OperationKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {
  private static final FaultRates MIXED =
      FaultRates.none()
          .withHttp500(0.2)
          .withHttp429(0.2)
          .withLostResponse(0.1, Duration.ZERO)
          .withOperationFailure(0.3)
          .withLatency(0.5, Duration.ofMillis(5));

  private static List<FaultDecision> decisions(FaultInjector injector, OperationKind kind, int n) {
    return IntStream.range(0, n).mapToObj(i -> injector.decide(kind)).toList();
  }

  @Test
  void sameSeedAndSequence_sameDecisions() {
    FaultInjector a = new FaultInjector(new FaultSettings(99, Map.of(OperationKind.WRITE, MIXED)));
    FaultInjector b = new FaultInjector(new FaultSettings(99, Map.of(OperationKind.WRITE, MIXED)));

    assertThat(decisions(a, OperationKind.WRITE, 200))
        .isEqualTo(decisions(b, OperationKind.WRITE, 200));
  }

  @Test
  void kindsWithoutFaults_drawNothing_soTheyDoNotShiftOtherKinds() {
    FaultInjector a = new FaultInjector(new FaultSettings(5, Map.of(OperationKind.WRITE, MIXED)));
    FaultInjector b = new FaultInjector(new FaultSettings(5, Map.of(OperationKind.WRITE, MIXED)));
    decisions(b, OperationKind.READ, 50);

    assertThat(decisions(b, OperationKind.WRITE, 50))
        .isEqualTo(decisions(a, OperationKind.WRITE, 50));
    assertThat(decisions(a, OperationKind.READ, 5)).containsOnly(FaultDecision.NONE);
  }

  @Test
  void ratesAreRoughlyHonoured() {
    FaultInjector injector =
        new FaultInjector(new FaultSettings(1, Map.of(OperationKind.POLL, MIXED)));
    List<FaultDecision> many = decisions(injector, OperationKind.POLL, 10_000);

    long errors = many.stream().filter(d -> d.outcome() == FaultDecision.Outcome.HTTP_500).count();
    long failures = many.stream().filter(FaultDecision::failOperation).count();
    assertThat(errors).isBetween(1_800L, 2_200L);
    assertThat(failures).isBetween(2_700L, 3_300L);
  }

  @Test
  void outcomeRatesAboveOne_areRefused() {
    assertThatThrownBy(() -> FaultRates.none().withHttp500(0.6).withHttp503(0.6))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
