package com.arcal.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arcal.controller.engine.EngineAddress;
import com.arcal.controller.fake.FakeEngines;
import com.arcal.controller.sale.SaleId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthWatchesTest {
  private static final SaleId A = new SaleId("sale-a");
  private static final SaleId B = new SaleId("sale-b");
  private static final EngineAddress ADDRESS_A = new EngineAddress("app-a", 50051);
  private static final EngineAddress ADDRESS_B = new EngineAddress("app-b", 50051);

  private final FakeEngines engines = new FakeEngines();
  private final List<SaleId> unhealthy = new ArrayList<>();

  @Test
  void ensure_underTheLimit_watchesAndKeepsTheConnection() {
    HealthWatches watches = new HealthWatches(engines, unhealthy::add, 2);

    watches.ensure(A, ADDRESS_A);
    watches.ensure(B, ADDRESS_B);

    assertThat(engines.watched(ADDRESS_A)).isTrue();
    assertThat(engines.watched(ADDRESS_B)).isTrue();
    assertThat(engines.calls()).noneMatch(c -> c.startsWith("forget"));
    assertThat(watches.size()).isEqualTo(2);
  }

  @Test
  void ensure_withEverySlotTaken_closesTheConnectionInsteadOfWatching() {
    HealthWatches watches = new HealthWatches(engines, unhealthy::add, 1);

    watches.ensure(A, ADDRESS_A);
    watches.ensure(B, ADDRESS_B);

    assertThat(engines.watched(ADDRESS_A)).isTrue();
    assertThat(engines.watched(ADDRESS_B)).isFalse();
    assertThat(engines.calls()).containsExactly("forget " + ADDRESS_B);
    assertThat(watches.size()).isEqualTo(1);
  }

  @Test
  void ensure_again_forAWatchedSale_keepsItsSlot() {
    HealthWatches watches = new HealthWatches(engines, unhealthy::add, 1);
    watches.ensure(A, ADDRESS_A);

    watches.ensure(A, ADDRESS_A);

    assertThat(engines.watched(ADDRESS_A)).isTrue();
    assertThat(engines.calls()).isEmpty();
  }

  @Test
  void cancel_freesTheSlot_forTheNextPassOfAnUnwatchedSale() {
    HealthWatches watches = new HealthWatches(engines, unhealthy::add, 1);
    watches.ensure(A, ADDRESS_A);
    watches.ensure(B, ADDRESS_B);

    watches.cancel(A);
    watches.ensure(B, ADDRESS_B);

    assertThat(engines.watched(ADDRESS_A)).isFalse();
    assertThat(engines.watched(ADDRESS_B)).isTrue();
  }

  @Test
  void aWatchedEngineThatDies_enqueuesItsSale_once() {
    HealthWatches watches = new HealthWatches(engines, unhealthy::add, 1);
    watches.ensure(A, ADDRESS_A);
    watches.ensure(B, ADDRESS_B);

    engines.crash(ADDRESS_A);
    engines.crash(ADDRESS_B);

    assertThat(unhealthy).containsExactly(A);
  }

  @Test
  void aLimitOfZero_watchesNothing() {
    HealthWatches watches = new HealthWatches(engines, unhealthy::add, 0);

    watches.ensure(A, ADDRESS_A);

    assertThat(engines.watched(ADDRESS_A)).isFalse();
    assertThat(engines.calls()).containsExactly("forget " + ADDRESS_A);
  }

  @Test
  void aNegativeLimit_isRefused() {
    assertThatThrownBy(() -> new HealthWatches(engines, unhealthy::add, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
  }
}
