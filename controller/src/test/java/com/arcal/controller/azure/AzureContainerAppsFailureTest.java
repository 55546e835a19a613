package com.arcal.controller.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.arcal.controller.budget.ArmBudget;
import com.arcal.controller.budget.ArmOperation;
import com.arcal.controller.budget.BudgetSettings;
import com.arcal.controller.fake.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Failures that need no ARM to answer, through the real SDK: a request refused by our budget, and
 * a request nobody answers. The endpoint is a closed local port, so nothing can ever be sent.
 */
class AzureContainerAppsFailureTest {
  private static final URI NOBODY = URI.create("https://127.0.0.1:1/");

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  private final ArmBudget budget =
      new ArmBudget(
          new BudgetSettings(
              new BudgetSettings.Bucket(1, 2),
              new BudgetSettings.Bucket(1, 2),
              new BudgetSettings.Bucket(1, 2),
              Duration.ofSeconds(2)),
          clock);
  private final AzureContainerApps apps = adapter(budget);

  private static AzureContainerApps adapter(ArmBudget budget) {
    AzureTarget target =
        new AzureTarget("sub", "rg", "westeurope", AzureTarget.environmentId("sub", "rg", "env"));
    ArmConnection connection =
        new ArmConnection(
            Optional.of(NOBODY),
            Optional.empty(),
            Optional.of("token"),
            Optional.empty(),
            Duration.ofSeconds(5));
    ArmBudgetPolicy policy =
        new ArmBudgetPolicy(budget, Duration.ZERO, ArmBudgetPolicy.ArmCallListener.NONE);
    return new AzureContainerApps(ArmClients.manager(connection, target, List.of(policy)), target);
  }

  @Test
  void aCallTheBudgetRefuses_failsWithABudgetExhaustedException_forTheBudgetsSlot()
      throws InterruptedException {
    assertThat(budget.acquire(ArmOperation.READ, Duration.ZERO)).isTrue(); // the only read token

    BudgetExhaustedException refusal =
        catchThrowableOfType(BudgetExhaustedException.class, apps::list);

    assertThat(refusal.retryable()).isTrue();
    assertThat(refusal.outcomeUnknown()).isFalse();
    // Reads refill at 2/s: the first refused caller's slot is the next token, 500 ms away.
    assertThat(refusal.retryAfter()).contains(Duration.ofMillis(500));
    assertThat(budget.counters(ArmOperation.READ).denied()).isEqualTo(1);
  }

  @Test
  void aReadNobodyAnswers_isRetryable_withAKnownOutcome() {
    ArmException e = catchThrowableOfType(ArmException.class, () -> apps.get("app-a"));

    assertThat(e).isNotInstanceOf(BudgetExhaustedException.class);
    assertThat(e.status()).isZero();
    assertThat(e.retryable()).isTrue();
    assertThat(e.outcomeUnknown()).isFalse();
    assertThat(e).hasMessageStartingWith("get app app-a failed without an answer");
  }

  @Test
  void aFailedRequest_endsTheHoldOnItsToken_soTheBudgetRefills() throws InterruptedException {
    catchThrowableOfType(ArmException.class, () -> apps.get("app-a")); // took the full bucket's token

    clock.advance(Duration.ofMillis(500));

    assertThat(budget.acquire(ArmOperation.READ, Duration.ZERO))
        .as("refill counted from the failure, not held until TokenBucket's limit")
        .isTrue();
  }

  @Test
  void aWriteNobodyAnswers_mayHaveBeenApplied() {
    AppRequest request =
        new AppRequest("app-a", "arcal/engine:1", "0.5", "1Gi", Map.of(), Map.of("managed-by", "t"));

    ArmException e = catchThrowableOfType(ArmException.class, () -> apps.beginCreateOrUpdate(request));

    assertThat(e.retryable()).isTrue();
    assertThat(e.outcomeUnknown()).isTrue();
  }
}
