package com.arcal.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.controller.ArcalException;
import com.arcal.controller.azure.ArmException;
import com.arcal.controller.budget.ArmOperation;
import com.arcal.controller.fake.MutableClock;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.SaleStatus;
import com.arcal.controller.status.StatusBoard;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailurePolicyTest {
  private static final SaleId SALE = new SaleId("vente-01");

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final StatusBoard board =
      new StatusBoard(clock, id -> SaleStatus.initial(id, "sale-" + id.value(), 1, clock.instant()));
  private final FailurePolicy policy = new FailurePolicy(board, clock);

  private SaleStatus status() {
    return board.get(SALE).orElseThrow();
  }

  @Test
  void permanentError_failsTheSale_withoutRetry() {
    Result next = policy.onFailure(SALE, new ArcalException("image not allowed", false));

    assertThat(next.kind()).isEqualTo(Result.Kind.DONE);
    assertThat(status().phase()).isEqualTo(Phase.FAILED);
    assertThat(status().lastError()).isEqualTo("image not allowed");
  }

  @Test
  void retryAfter_isHonoured_andKeepsThePhase() {
    Result next =
        policy.onFailure(
            SALE, ArmException.fromResponse("throttled", 429, "TooManyRequests", Duration.ofSeconds(7), null));

    assertThat(next.kind()).isEqualTo(Result.Kind.RETRY_AFTER);
    assertThat(next.requeueAfter()).contains(Duration.ofSeconds(7));
    assertThat(status().phase()).isEqualTo(Phase.PENDING);
    assertThat(status().lastError()).isEqualTo("throttled");
    assertThat(policy.deferred(SALE)).as("Azure's throttling is not our budget's deferral").isFalse();
  }

  @Test
  void budgetRefusal_defersTheKeyUntilItsSlot() {
    Result next =
        policy.onFailure(SALE, ArmException.budgetExhausted(ArmOperation.WRITE, Duration.ofSeconds(2)));

    assertThat(next.kind()).isEqualTo(Result.Kind.RETRY_AFTER);
    assertThat(next.requeueAfter()).contains(Duration.ofSeconds(2));
    assertThat(policy.deferred(SALE)).isTrue();

    clock.advance(Duration.ofMillis(1999));
    assertThat(policy.deferred(SALE)).isTrue();
    clock.advance(Duration.ofMillis(1));
    assertThat(policy.deferred(SALE)).as("its slot has come").isFalse();
  }

  @Test
  void budgetDeferral_endsWhenAPassGoesThrough() {
    policy.onFailure(SALE, ArmException.budgetExhausted(ArmOperation.WRITE, Duration.ofMinutes(1)));

    policy.succeeded(SALE);

    assertThat(policy.deferred(SALE)).isFalse();
  }

  @Test
  void transientError_backsOff() {
    Result next = policy.onFailure(SALE, ArmException.noAnswer("connection reset", true, null));

    assertThat(next.kind()).isEqualTo(Result.Kind.BACKOFF);
    assertThat(status().phase()).isEqualTo(Phase.PENDING);
    assertThat(status().lastError()).isEqualTo("connection reset");
  }

  @Test
  void unexpectedThrowable_backsOff_andIsReportedByItsType() {
    Result next = policy.onFailure(SALE, new NullPointerException());

    assertThat(next.kind()).isEqualTo(Result.Kind.BACKOFF);
    assertThat(status().lastError()).isEqualTo("NullPointerException");
  }
}
