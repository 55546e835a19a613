package com.arcal.controller.store;

import static com.arcal.controller.store.StoreFixtures.A;
import static com.arcal.controller.store.StoreFixtures.B;
import static com.arcal.controller.store.StoreFixtures.CLOCK;
import static com.arcal.controller.store.StoreFixtures.NAMING;
import static com.arcal.controller.store.StoreFixtures.NOW;
import static com.arcal.controller.store.StoreFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.sale.SaleId;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fake must follow the real store's rules, or tests built on it prove nothing. */
class InMemoryDesiredStateStoreTest {
  private final InMemoryDesiredStateStore store = new InMemoryDesiredStateStore(NAMING, CLOCK, false);

  @Test
  void sameSales_sameVersion_asTheFileStore(@TempDir Path dir) {
    try (FileDesiredStateStore file = StoreFixtures.open(dir.resolve("d.json"))) {
      file.put(A, spec("1"), Optional.empty());
      DesiredState real = file.put(A, spec("2"), Optional.empty()).state();

      store.put(A, spec("1"), Optional.empty());
      DesiredState fake = store.put(A, spec("2"), Optional.empty()).state();

      assertThat(fake).isEqualTo(real);
    }
  }

  @Test
  void generationsAndVersions_followTheRules() {
    DesiredState first = store.put(A, spec("1"), Optional.empty()).state();

    assertThat(store.put(A, spec("1"), Optional.of(first.version())).state()).isEqualTo(first);
    assertThatThrownBy(() -> store.put(B, spec("1"), Optional.of("stale")))
        .isInstanceOf(StaleVersionException.class);
    DesiredState second = store.replace(Map.of(A, spec("2"), B, spec("1")), first.version());
    assertThat(second.sale(A).orElseThrow().generation()).isEqualTo(2);
    assertThat(second.sale(B).orElseThrow().generation()).isEqualTo(1);
    assertThatThrownBy(() -> store.delete(new SaleId("nope"), Optional.empty()))
        .isInstanceOf(UnknownSaleException.class);
  }

  @Test
  void put_saysWhetherItChangedTheState() {
    DesiredStateStore.Written created = store.put(A, spec("1"), Optional.empty());
    DesiredStateStore.Written same = store.put(A, spec("1"), Optional.empty());
    DesiredStateStore.Written updated = store.put(A, spec("2"), Optional.empty());

    assertThat(created.changed()).isTrue();
    assertThat(same.changed()).isFalse();
    assertThat(same.state()).isEqualTo(created.state());
    assertThat(updated.changed()).isTrue();
    assertThat(updated.state().sale(A).orElseThrow().generation()).isEqualTo(2);
  }

  @Test
  void aProblem_refusesWrites_keepsTheState_andAHandEditClearsIt() {
    StoreFixtures.Recorder recorder = new StoreFixtures.Recorder();
    store.watch(recorder);
    DesiredState good = store.put(A, spec("1"), Optional.empty()).state();

    store.reportProblem("line 1, column 2: invalid JSON");

    assertThat(store.problem().orElseThrow().since()).isEqualTo(NOW);
    assertThatThrownBy(() -> store.put(B, spec("1"), Optional.empty()))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("line 1, column 2: invalid JSON");
    assertThat(store.snapshot()).isEqualTo(good);

    store.handEdit(Map.of(B, spec("1")));

    assertThat(store.problem()).isEmpty();
    assertThat(store.snapshot().sales()).containsOnlyKeys(B);
    assertThat(recorder.count()).isEqualTo(2);
  }

  @Test
  void failingWrites_changeNothing_untilHealed() {
    DesiredState good = store.put(A, spec("1"), Optional.empty()).state();
    store.failWrites("No space left on device");

    assertThatThrownBy(() -> store.put(B, spec("1"), Optional.empty()))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("No space left on device");
    assertThat(store.snapshot()).isEqualTo(good);

    store.healWrites();
    assertThat(store.put(B, spec("1"), Optional.empty()).state().sales()).containsOnlyKeys(A, B);
  }

  @Test
  void createdFresh_isWhatTheTestSays() {
    assertThat(store.createdFresh()).isFalse();
    assertThat(new InMemoryDesiredStateStore(NAMING).createdFresh()).isTrue();
  }
}
