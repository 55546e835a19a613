package com.arcal.controller.store;

import static com.arcal.controller.store.StoreFixtures.A;
import static com.arcal.controller.store.StoreFixtures.B;
import static com.arcal.controller.store.StoreFixtures.CLOCK;
import static com.arcal.controller.store.StoreFixtures.NAMING;
import static com.arcal.controller.store.StoreFixtures.open;
import static com.arcal.controller.store.StoreFixtures.spec;
import static com.arcal.controller.store.StoreFixtures.writeByRename;
import static com.arcal.controller.store.StoreFixtures.writeInPlace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand edits are seen without anyone calling reload(): file watch, with polling behind it. */
class FileDesiredStateStoreWatchTest {
  private static final Duration SOON = Duration.ofSeconds(3);

  @TempDir Path dir;

  @Test
  void aHandEditInPlace_isPickedUpWithinASecond_withTheDefaultPollInterval() {
    Path file = dir.resolve("desired-state.json");
    try (FileDesiredStateStore store =
        new FileDesiredStateStore(file, NAMING, CLOCK, FileDesiredStateStore.DEFAULT_POLL_INTERVAL)) {
      StoreFixtures.Recorder recorder = new StoreFixtures.Recorder();
      store.watch(recorder);
      long start = System.nanoTime();

      writeInPlace(file, "{\"sales\": {\"vente-01\": {}}}");

      await().atMost(SOON).untilAsserted(() -> assertThat(store.snapshot().sales()).containsOnlyKeys(A));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
      assertThat(recorder.last()).isEqualTo(store.snapshot());
    }
  }

  @Test
  void aHandEditByRename_isPickedUp() {
    Path file = dir.resolve("desired-state.json");
    try (FileDesiredStateStore store = open(file)) {
      store.put(A, spec("1"), Optional.empty());

      writeByRename(file, "{\"sales\": {\"vente-02\": {}}}");

      await().atMost(SOON).untilAsserted(() -> assertThat(store.snapshot().sales()).containsOnlyKeys(B));
    }
  }

  @Test
  void aBrokenEdit_isReported_thenTheFixIsPickedUp() {
    Path file = dir.resolve("desired-state.json");
    try (FileDesiredStateStore store = open(file)) {
      store.put(A, spec("1"), Optional.empty());

      writeInPlace(file, "{\"sales\": {\"vente-02\": {\"cpu\": 2}}}");
      await().atMost(SOON).until(() -> store.problem().isPresent());
      assertThat(store.snapshot().sales()).containsOnlyKeys(A);

      writeInPlace(file, "{\"sales\": {\"vente-02\": {\"cpu\": \"2\"}}}");
      await().atMost(SOON).until(() -> store.problem().isEmpty());
      assertThat(store.snapshot().sales()).containsOnlyKeys(B);
    }
  }

  @Test
  void aDeletedFile_isReported_byTheWatch() throws Exception {
    Path file = dir.resolve("desired-state.json");
    try (FileDesiredStateStore store = open(file)) {
      store.put(A, spec("1"), Optional.empty());

      Files.delete(file);

      await().atMost(SOON).until(() -> store.problem().isPresent());
      assertThat(store.problem().orElseThrow().message()).contains("is missing");
      assertThat(store.snapshot().sales()).containsOnlyKeys(A);
    }
  }

  @Test
  void aFolderCreatedAfterStart_isPolledAndThenWatched() throws Exception {
    Path folder = dir.resolve("later");
    Path file = folder.resolve("desired-state.json");
    try (FileDesiredStateStore store = open(file)) {
      assertThat(store.createdFresh()).isTrue();

      Files.createDirectory(folder);
      writeInPlace(file, "{\"sales\": {\"vente-01\": {}}}");
      await().atMost(SOON).untilAsserted(() -> assertThat(store.snapshot().sales()).containsOnlyKeys(A));

      writeInPlace(file, "{\"sales\": {\"vente-02\": {}}}");
      await().atMost(SOON).untilAsserted(() -> assertThat(store.snapshot().sales()).containsOnlyKeys(B));
    }
  }

  @Test
  void close_stopsTheWatchThread() {
    FileDesiredStateStore store = open(dir.resolve("desired-state.json"));
    assertThat(watchThreads()).isEqualTo(1);

    store.close();

    await().atMost(SOON).until(() -> watchThreads() == 0);
  }

  private static long watchThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("desired-state-watch") && t.isAlive())
        .count();
  }
}
