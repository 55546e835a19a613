package com.arcal.controller.store;

import static com.arcal.controller.store.StoreFixtures.A;
import static com.arcal.controller.store.StoreFixtures.open;
import static com.arcal.controller.store.StoreFixtures.spec;
import static com.arcal.controller.store.StoreFixtures.writeInPlace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting on a file that is not good: never mistaken for a fresh start, never "delete all". */
class FileDesiredStateStoreStartTest {
  @TempDir Path dir;

  @Test
  void aBrokenFileAtStart_isNotAFreshStart_andReportsAProblem() {
    Path file = dir.resolve("desired-state.json");
    writeInPlace(file, "{\"sales\": {\"vente-01\": ");

    try (FileDesiredStateStore store = open(file)) {
      assertThat(store.createdFresh()).isFalse();
      assertThat(store.snapshot().sales()).isEmpty();
      assertThat(store.problem()).hasValueSatisfying(p -> assertThat(p.message()).contains("invalid JSON"));
      assertThatThrownBy(() -> store.put(A, spec("1"), Optional.empty()))
          .isInstanceOf(StoreUnavailableException.class);

      writeInPlace(file, "{\"sales\": {\"vente-01\": {}}}");
      store.reload();

      assertThat(store.problem()).isEmpty();
      assertThat(store.snapshot().sales()).containsOnlyKeys(A);
    }
  }

  @Test
  void aBrokenFileAtStart_thenDeleted_staysAProblem() throws Exception {
    Path file = dir.resolve("desired-state.json");
    writeInPlace(file, "not json");

    try (FileDesiredStateStore store = open(file)) {
      Files.delete(file);
      store.reload();

      assertThat(store.createdFresh()).isFalse();
      assertThat(store.problem()).hasValueSatisfying(p -> assertThat(p.message()).contains("is missing"));
    }
  }

  @Test
  void aDirectoryAtStart_isAProblem_notAFreshStart() throws Exception {
    Path file = Files.createDirectory(dir.resolve("desired-state.json"));

    try (FileDesiredStateStore store = open(file)) {
      assertThat(store.createdFresh()).isFalse();
      assertThat(store.problem()).hasValueSatisfying(p -> assertThat(p.message()).contains("is a directory"));
    }
  }

  @Test
  void aFreshStart_whereABrokenFileComesAndGoes_isFreshAgain() throws Exception {
    Path file = dir.resolve("desired-state.json");
    try (FileDesiredStateStore store = open(file)) {
      writeInPlace(file, "{");
      store.reload();
      assertThat(store.problem()).isPresent();

      Files.delete(file);
      store.reload();

      assertThat(store.problem()).isEmpty();
      assertThat(store.createdFresh()).isTrue();
    }
  }

  @Test
  void tempFilesLeftByAKilledWrite_areRemovedAtStart() throws Exception {
    Path file = dir.resolve("desired-state.json");
    writeInPlace(file, "{\"sales\": {}}");
    Path leftover = dir.resolve(".desired-state.json.0f1e2d.tmp");
    writeInPlace(leftover, "{\"sal");

    try (FileDesiredStateStore store = open(file)) {
      assertThat(Files.exists(leftover)).isFalse();
      assertThat(store.problem()).isEmpty();
    }
  }
}
