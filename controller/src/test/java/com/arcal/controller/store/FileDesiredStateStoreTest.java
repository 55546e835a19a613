package com.arcal.controller.store;

import static com.arcal.controller.store.StoreFixtures.A;
import static com.arcal.controller.store.StoreFixtures.B;
import static com.arcal.controller.store.StoreFixtures.NAMING;
import static com.arcal.controller.store.StoreFixtures.open;
import static com.arcal.controller.store.StoreFixtures.read;
import static com.arcal.controller.store.StoreFixtures.spec;
import static com.arcal.controller.store.StoreFixtures.writeInPlace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.sale.InvalidSpecException;
import com.arcal.controller.sale.SaleId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDesiredStateStoreTest {
  @TempDir Path dir;

  private Path file() {
    return dir.resolve("desired-state.json");
  }

  @Test
  void missingFileAtStart_isAFreshEmptyStart_andCreatesNothing() {
    try (FileDesiredStateStore store = open(file())) {
      assertThat(store.createdFresh()).isTrue();
      assertThat(store.problem()).isEmpty();
      assertThat(store.snapshot().sales()).isEmpty();
      assertThat(store.snapshot().version()).isEqualTo(DesiredStateCodec.EMPTY_VERSION);
      assertThat(Files.exists(file())).isFalse();
    }
  }

  @Test
  void put_writesTheCanonicalDocument_andTheVersionIsItsHash() throws Exception {
    try (FileDesiredStateStore store = open(file())) {
      DesiredState after = store.put(A, spec("1"), Optional.empty()).state();

      byte[] bytes = Files.readAllBytes(file());
      assertThat(after.version()).isEqualTo(DesiredStateCodec.version(bytes));
      assertThat(new String(bytes, StandardCharsets.UTF_8))
          .isEqualTo(new DesiredStateCodec(NAMING).encodeToString(after.sales().values()));
      assertThat(after.sale(A).orElseThrow().generation()).isEqualTo(1);
      assertThat(store.snapshot()).isEqualTo(after);
    }
  }

  @Test
  void put_bumpsTheGenerationOnlyWhenTheSpecChanges() {
    try (FileDesiredStateStore store = open(file())) {
      DesiredState first = store.put(A, spec("1"), Optional.empty()).state();
      DesiredState same = store.put(A, spec("1"), Optional.of(first.version())).state();
      DesiredState changed = store.put(A, spec("2"), Optional.of(same.version())).state();

      assertThat(same).isEqualTo(first);
      assertThat(changed.sale(A).orElseThrow().generation()).isEqualTo(2);
      assertThat(changed.version()).isNotEqualTo(first.version());
    }
  }

  @Test
  void replace_keepsUnchangedGenerations_bumpsChangedOnes_andStartsNewOnesAtOne() {
    try (FileDesiredStateStore store = open(file())) {
      store.put(A, spec("1"), Optional.empty());
      store.put(A, spec("2"), Optional.empty());
      DesiredState v = store.put(B, spec("1"), Optional.empty()).state();
      SaleId c = new SaleId("vente-03");

      DesiredState after = store.replace(Map.of(A, spec("2"), c, spec("1")), v.version());

      assertThat(after.sales().values())
          .extracting(DesiredSale::id, DesiredSale::generation)
          .containsExactly(tuple(A, 2L), tuple(c, 1L));
    }
  }

  @Test
  void staleVersion_isRefused_andTheFileIsUnchanged() throws Exception {
    try (FileDesiredStateStore store = open(file())) {
      DesiredState v1 = store.put(A, spec("1"), Optional.empty()).state();
      store.put(B, spec("1"), Optional.of(v1.version()));
      byte[] before = Files.readAllBytes(file());

      assertThatThrownBy(() -> store.put(A, spec("9"), Optional.of(v1.version())))
          .isInstanceOf(StaleVersionException.class);
      assertThatThrownBy(() -> store.delete(A, Optional.of(v1.version())))
          .isInstanceOf(StaleVersionException.class);
      assertThatThrownBy(() -> store.replace(Map.of(), v1.version()))
          .isInstanceOf(StaleVersionException.class);
      assertThat(Files.readAllBytes(file())).isEqualTo(before);
    }
  }

  @Test
  void delete_removesTheSale_andAnUnknownSaleIsReported() {
    try (FileDesiredStateStore store = open(file())) {
      store.put(A, spec("1"), Optional.empty());

      assertThat(store.delete(A, Optional.empty()).sales()).isEmpty();
      assertThatThrownBy(() -> store.delete(A, Optional.empty()))
          .isInstanceOf(UnknownSaleException.class);
    }
  }

  @Test
  void aSaleIdTooLongForAnAppName_isRefusedWithTheRule() {
    try (FileDesiredStateStore store = open(file())) {
      SaleId tooLong = new SaleId("a23456789012345678901234567890");

      assertThatThrownBy(() -> store.put(tooLong, spec("1"), Optional.empty()))
          .isInstanceOf(InvalidSpecException.class)
          .hasMessageContaining("2-32 characters");
      assertThat(Files.exists(file())).isFalse();
    }
  }

  @Test
  void generationsSurviveARestart_andAnExistingFileIsNotAFreshStart() {
    try (FileDesiredStateStore store = open(file())) {
      store.put(A, spec("1"), Optional.empty());
      store.put(A, spec("2"), Optional.empty());
      store.put(A, spec("3"), Optional.empty());
    }
    try (FileDesiredStateStore reopened = open(file())) {
      assertThat(reopened.createdFresh()).isFalse();
      assertThat(reopened.snapshot().sale(A).orElseThrow().generation()).isEqualTo(3);
    }
  }

  @Test
  void handEditOfASpec_withoutRaisingTheGeneration_bumpsIt_andWritesItBack() {
    try (FileDesiredStateStore store = open(file())) {
      store.put(A, spec("1"), Optional.empty());
      store.put(A, spec("2"), Optional.empty()); // generation 2

      writeInPlace(file(), "{\"sales\": {\"vente-01\": {\"config\": {\"k\": \"3\"}, \"generation\": 2}}}");
      store.reload();

      assertThat(store.snapshot().sale(A).orElseThrow().generation()).isEqualTo(3);
      assertThat(store.snapshot().version()).isEqualTo(DesiredStateCodec.version(read(file()).getBytes(StandardCharsets.UTF_8)));
      assertThat(new DesiredStateCodec(NAMING).decode(read(file()).getBytes(StandardCharsets.UTF_8)).get(A).generation())
          .isEqualTo(OptionalLong.of(3));
    }
  }

  @Test
  void handEditThatDropsGenerations_keepsThem_andWritesThemBack() {
    try (FileDesiredStateStore store = open(file())) {
      store.put(A, spec("1"), Optional.empty());
      store.put(A, spec("2"), Optional.empty());

      writeInPlace(file(), "{\"sales\": {\"vente-01\": {\"config\": {\"k\": \"2\"}}}}");
      store.reload();

      assertThat(store.snapshot().sale(A).orElseThrow().generation()).isEqualTo(2);
      assertThat(read(file())).contains("\"generation\": 2");
    }
  }

  @Test
  void handEditAddingASaleWithoutGeneration_startsItAtOne_andLeavesTheFileAsWritten() {
    try (FileDesiredStateStore store = open(file())) {
      String handWritten = "{\"sales\": {\"vente-02\": {}}}";
      writeInPlace(file(), handWritten);
      store.reload();

      assertThat(store.snapshot().sale(B).orElseThrow().generation()).isEqualTo(1);
      assertThat(read(file())).isEqualTo(handWritten);
    }
  }

  @Test
  void handEditRaisingTheGeneration_isHonoured() {
    try (FileDesiredStateStore store = open(file())) {
      store.put(A, spec("1"), Optional.empty());

      writeInPlace(file(), "{\"sales\": {\"vente-01\": {\"config\": {\"k\": \"1\"}, \"generation\": 7}}}");
      store.reload();

      assertThat(store.snapshot().sale(A).orElseThrow().generation()).isEqualTo(7);
    }
  }

  @Test
  void listeners_hearEveryChange_outsideTheLock() throws Exception {
    try (FileDesiredStateStore store = open(file())) {
      StoreFixtures.Recorder recorder = new StoreFixtures.Recorder();
      store.watch(recorder);
      // A listener that writes from another thread would deadlock if called under the lock.
      store.watch(
          (before, after) -> {
            if (after.sales().size() == 1) {
              Thread other = new Thread(() -> store.put(B, spec("x"), Optional.empty()));
              other.start();
              try {
                other.join(5_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              assertThat(other.isAlive()).isFalse();
            }
          });

      store.put(A, spec("1"), Optional.empty());

      assertThat(recorder.count()).isEqualTo(2);
      assertThat(recorder.afters.get(0).sales()).containsOnlyKeys(A);
      assertThat(recorder.last().sales()).containsOnlyKeys(A, B);
      assertThat(recorder.last()).isEqualTo(store.snapshot());
    }
  }

  @Test
  void identicalBytes_changeNothing() {
    try (FileDesiredStateStore store = open(file())) {
      store.put(A, spec("1"), Optional.empty());
      StoreFixtures.Recorder recorder = new StoreFixtures.Recorder();
      store.watch(recorder);
      DesiredState before = store.snapshot();

      writeInPlace(file(), read(file()));
      store.reload();

      assertThat(recorder.count()).isZero();
      assertThat(store.snapshot()).isSameAs(before);
    }
  }
}
