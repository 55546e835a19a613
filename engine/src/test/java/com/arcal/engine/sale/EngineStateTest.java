package com.arcal.engine.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arcal.engine.v1.SaleState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineStateTest {

  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  private final EngineState state = new EngineState(Clock.fixed(T0, ZoneOffset.UTC));

  @Test
  void newEngine_isIdle() {
    assertThat(state.current()).isEqualTo(Sale.idle());
  }

  @Test
  void start_fromIdle_runsTheSaleFromNow() {
    Sale sale = state.start("s1", 1, Map.of("k", "v"));

    assertThat(sale).isEqualTo(new Sale("s1", SaleState.SALE_STATE_RUNNING, 1, Map.of("k", "v"), T0));
    assertThat(state.current()).isEqualTo(sale);
  }

  @Test
  void start_sameSaleSameGeneration_changesNothing() {
    Sale first = state.start("s1", 1, Map.of("k", "v"));

    Sale again = state.start("s1", 1, Map.of("k", "other"));

    assertThat(again).isSameAs(first);
  }

  @Test
  void start_newerGeneration_replacesConfigKeepsStartTime() {
    state.start("s1", 1, Map.of("k", "v"));

    Sale updated = state.start("s1", 2, Map.of("k", "w"));

    assertThat(updated).isEqualTo(new Sale("s1", SaleState.SALE_STATE_RUNNING, 2, Map.of("k", "w"), T0));
  }

  @Test
  void start_olderGeneration_conflicts() {
    state.start("s1", 3, Map.of());

    assertThatThrownBy(() -> state.start("s1", 2, Map.of()))
        .isInstanceOf(SaleConflictException.class)
        .hasMessageContaining("generation 2");
    assertThat(state.current().generation()).isEqualTo(3);
  }

  @Test
  void start_otherSale_conflictsWhileRunningAndWhileStopped() {
    state.start("s1", 1, Map.of());
    assertThatThrownBy(() -> state.start("s2", 1, Map.of())).isInstanceOf(SaleConflictException.class)
        .hasMessageContaining("s1").hasMessageContaining("s2");

    state.stop("");
    assertThatThrownBy(() -> state.start("s2", 1, Map.of())).isInstanceOf(SaleConflictException.class);
  }

  @Test
  void stop_thenStartSameSale_runsAgain() {
    state.start("s1", 1, Map.of());
    assertThat(state.stop("s1").state()).isEqualTo(SaleState.SALE_STATE_STOPPED);

    assertThat(state.start("s1", 1, Map.of()).state()).isEqualTo(SaleState.SALE_STATE_RUNNING);
  }

  @Test
  void stop_isIdempotentAndHarmlessWhenIdle() {
    assertThat(state.stop("s1")).isEqualTo(Sale.idle());
    state.start("s1", 1, Map.of());

    Sale stopped = state.stop("");
    assertThat(state.stop("s1")).isSameAs(stopped);
  }

  @Test
  void stop_otherSale_conflicts() {
    state.start("s1", 1, Map.of());

    assertThatThrownBy(() -> state.stop("s2")).isInstanceOf(SaleConflictException.class);
    assertThat(state.current().isRunning()).isTrue();
  }

  @Test
  void sale_rejectsInconsistentSnapshots() {
    assertThatThrownBy(() -> new Sale("", SaleState.SALE_STATE_RUNNING, 1, Map.of(), T0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Sale("s1", SaleState.SALE_STATE_IDLE, 0, Map.of(), null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void responsive_whileNoTransitionHoldsTheSale() {
    assertThat(state.responsive(Duration.ofMillis(50))).isTrue();
  }

  @Test
  void responsive_isFalseWhileATransitionIsStuck_andTrueOnceItEnds() throws Exception {
    try (StuckTransition stuck = StuckTransition.in(state)) {
      assertThat(state.responsive(Duration.ofMillis(50))).isFalse();
    }
    assertThat(state.responsive(Duration.ofMillis(50))).isTrue();
  }
}
