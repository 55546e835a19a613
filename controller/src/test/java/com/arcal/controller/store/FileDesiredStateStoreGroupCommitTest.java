package com.arcal.controller.store;

import static com.arcal.controller.store.StoreFixtures.A;
import static com.arcal.controller.store.StoreFixtures.B;
import static com.arcal.controller.store.StoreFixtures.CLOCK;
import static com.arcal.controller.store.StoreFixtures.NAMING;
import static com.arcal.controller.store.StoreFixtures.POLL;
import static com.arcal.controller.store.StoreFixtures.read;
import static com.arcal.controller.store.StoreFixtures.spec;
import static com.arcal.controller.store.StoreFixtures.writeInPlace;
import static com.arcal.controller.store.Writers.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.store.DesiredStateStore.Written;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit on the file: one atomic write per batch, and hand edits are never overwritten. */
class FileDesiredStateStoreGroupCommitTest {
  private static final SaleId C = new SaleId("vente-03");
  private static final SaleId HAND = new SaleId("by-hand");

  @TempDir Path dir;
  private Path file;
  private CountingStorage storage;
  private DocumentStore store;
  private Writers writers;

  @BeforeEach
  void open() {
    file = dir.resolve("desired-state.json");
    storage = new CountingStorage(new FileStorage(file, POLL, new AtomicFileWriter()));
    store = new DocumentStore(storage, NAMING, CLOCK);
    writers = new Writers(store);
  }

  @AfterEach
  void close() {
    writers.close();
    store.close();
  }

  private DesiredState reopened() {
    try (FileDesiredStateStore again = StoreFixtures.open(file)) {
      return again.snapshot();
    }
  }

  @Test
  void aBatchIsOneAtomicWriteOfTheFile_andEveryAnswerIsOnDisk() throws Exception {
    CountingStorage.Hold flushing = storage.holdNextWrite();
    Future<Written> first = writers.start(() -> store.put(A, spec("1"), Optional.empty()));
    flushing.awaitHeld();
    Future<Written> b = writers.queue(() -> store.put(B, spec("1"), Optional.empty()));
    Future<Written> c = writers.queue(() -> store.put(C, spec("1"), Optional.empty()));
    flushing.release();

    answer(first);
    DesiredState flushed = answer(c).state();
    assertThat(answer(b).state()).isEqualTo(flushed);
    assertThat(storage.writes()).isEqualTo(2);
    assertThat(reopened()).as("what the answers said is what the file holds").isEqualTo(flushed);
    assertThat(flushed.sales()).containsOnlyKeys(A, B, C);
  }

  @Test
  void aHandEditBetweenFlushes_isReadFirst_makesStaleWritesFail_andIsKept() throws Exception {
    String before = store.put(A, spec("1"), Optional.empty()).state().version();
    writeInPlace(file, "{\"sales\": {\"vente-01\": {\"config\": {\"k\": \"1\"}}, \"by-hand\": {}}}");
    CountingStorage.Hold flushing = storage.holdNextWrite();
    Future<Written> first = writers.start(() -> store.put(B, spec("1"), Optional.empty()));
    flushing.awaitHeld();
    Future<Written> stale = writers.queue(() -> store.put(C, spec("1"), Optional.of(before)));
    flushing.release();

    assertThat(answer(first).state().sales()).containsOnlyKeys(A, HAND, B);
    assertThatThrownBy(() -> answer(stale)).isInstanceOf(StaleVersionException.class);
    assertThat(reopened().sales()).containsOnlyKeys(A, HAND, B);
  }

  @Test
  void aHandEditSavedWhileABatchIsBeingFlushed_isNotOverwritten() throws Exception {
    store.put(A, spec("1"), Optional.empty());
    CountingStorage.Hold flushing = storage.holdNextWrite();
    Future<Written> first = writers.start(() -> store.put(B, spec("1"), Optional.empty()));
    flushing.awaitHeld(); // the batch has read the file and is on its way to disk

    writeInPlace(file, "{\"sales\": {\"vente-01\": {\"config\": {\"k\": \"1\"}}, \"by-hand\": {}}}");
    flushing.release();

    assertThat(answer(first).state().sales()).containsOnlyKeys(A, HAND, B);
    assertThat(read(file)).contains("\"by-hand\"", "\"vente-02\"");
    assertThat(reopened().sales()).containsOnlyKeys(A, HAND, B);
  }
}
