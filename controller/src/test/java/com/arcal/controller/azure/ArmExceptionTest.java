package com.arcal.controller.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.controller.budget.ArmOperation;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How each way an ARM call can fail is classified: retryable or not, after how long. */
class ArmExceptionTest {

  @Test
  void fromResponse_429WithRetryAfter_isRetryable_afterThatDelay() {
    ArmException e =
        ArmException.fromResponse(
            "list apps failed", 429, "SubscriptionRequestsThrottled", Duration.ofSeconds(7), null);

    assertThat(e.retryable()).isTrue();
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(e.status()).isEqualTo(429);
    assertThat(e.code()).isEqualTo("SubscriptionRequestsThrottled");
    assertThat(e.outcomeUnknown()).as("ARM answered: nothing was applied").isFalse();
    assertThat(e).isNotInstanceOf(BudgetExhaustedException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 409, 429, 500, 502, 503, 504})
  void fromResponse_transientStatuses_areRetryable(int status) {
    ArmException e = ArmException.fromResponse("failed", status, "", null, null);

    assertThat(e.retryable()).isTrue();
    assertThat(e.retryAfter()).as("no Retry-After: the queue's backoff decides").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 422})
  void fromResponse_otherStatuses_arePermanent(int status) {
    ArmException e = ArmException.fromResponse("failed", status, "InvalidSpec", null, null);

    assertThat(e.retryable()).isFalse();
    assertThat(e.outcomeUnknown()).isFalse();
  }

  @Test
  void fromResponse_withoutACode_hasAnEmptyCode_andKeepsItsCause() {
    IOException cause = new IOException("boom");

    ArmException e = ArmException.fromResponse("failed", 400, null, null, cause);

    assertThat(e.code()).isEmpty();
    assertThat(e).hasCause(cause).hasMessage("failed");
  }

  @Test
  void noAnswer_isRetryable_andOutcomeUnknownWhenTheCallerSaysSo() {
    IOException cause = new IOException("connection reset");

    ArmException write = ArmException.noAnswer("put app failed without an answer", true, cause);
    ArmException read = ArmException.noAnswer("get app failed without an answer", false, cause);

    assertThat(write.retryable()).isTrue();
    assertThat(write.outcomeUnknown()).isTrue();
    assertThat(write.status()).isZero();
    assertThat(write.code()).isEmpty();
    assertThat(write.retryAfter()).isEmpty();
    assertThat(write).hasCause(cause);
    assertThat(read.retryable()).isTrue();
    assertThat(read.outcomeUnknown()).isFalse();
  }

  @Test
  void budgetExhausted_isABudgetExhaustedException_retryableAfterItsWait() {
    ArmException e = ArmException.budgetExhausted(ArmOperation.WRITE, Duration.ofMillis(1500));

    assertThat(e).isInstanceOf(BudgetExhaustedException.class);
    assertThat(e.retryable()).isTrue();
    assertThat(e.retryAfter()).contains(Duration.ofMillis(1500));
    assertThat(e.outcomeUnknown()).as("nothing was sent").isFalse();
    assertThat(e.status()).isZero();
    assertThat(e).hasMessage("ARM write budget spent; next token in 1500 ms");
  }

  @Test
  void budgetExhausted_withASlotDueNow_stillWaitsALittle() {
    ArmException e = ArmException.budgetExhausted(ArmOperation.READ, Duration.ZERO);

    assertThat(e.retryAfter()).contains(Duration.ofMillis(100));
    assertThat(e).hasMessage("ARM read budget spent; next token in 0 ms");
  }
}
