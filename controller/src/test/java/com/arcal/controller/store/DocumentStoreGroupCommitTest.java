package com.arcal.controller.store;

import static com.arcal.controller.store.StoreFixtures.A;
import static com.arcal.controller.store.StoreFixtures.B;
import static com.arcal.controller.store.StoreFixtures.CLOCK;
import static com.arcal.controller.store.StoreFixtures.NAMING;
import static com.arcal.controller.store.StoreFixtures.spec;
import static com.arcal.controller.store.Writers.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.store.DesiredStateStore.Written;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit (issue 19, burst acceptance): writes that arrive while a document is being flushed
 * share the next flush; each is checked in arrival order against what the earlier ones left;
 * each is answered after the flush that holds it; a failed flush fails its whole batch.
 */
class DocumentStoreGroupCommitTest {
  private static final SaleId C = new SaleId("vente-03");
  private static final SaleId D = new SaleId("vente-04");
  private static final SaleId E = new SaleId("vente-05");

  private final CountingStorage storage = new CountingStorage(new MemoryStorage(true));
  private final DocumentStore store = new DocumentStore(storage, NAMING, CLOCK);
  private final StoreFixtures.Recorder recorder = new StoreFixtures.Recorder();
  private final Writers writers = new Writers(store);

  DocumentStoreGroupCommitTest() {
    store.watch(recorder);
  }

  @AfterEach
  void stop() {
    writers.close();
    store.close();
  }

  private static SaleId sale(int n) {
    return new SaleId("burst-" + n);
  }

  /** The version the same sales written by the rules get, in any store: from a twin. */
  private static String versionAfter(SaleId... puts) {
    InMemoryDesiredStateStore twin = new InMemoryDesiredStateStore(NAMING);
    for (SaleId id : puts) {
      twin.put(id, spec("1"), Optional.empty());
    }
    return twin.snapshot().version();
  }

  @Test
  void fiftyWritersArrivingDuringAFlush_shareTheNextOne() throws Exception {
    CountingStorage.Hold flushing = storage.holdNextWrite();
    Future<Written> first = writers.start(() -> store.put(sale(0), spec("1"), Optional.empty()));
    flushing.awaitHeld();
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Written>> burst = new ArrayList<>();
    for (int i = 1; i < 50; i++) {
      SaleId id = sale(i);
      burst.add(writers.start(() -> {
        go.await();
        return store.put(id, spec("1"), Optional.empty());
      }));
    }
    go.countDown();
    await().until(() -> store.queuedWrites() == 50);

    flushing.release();

    assertThat(answer(first).changed()).isTrue();
    List<Written> answers = new ArrayList<>();
    for (Future<Written> write : burst) {
      answers.add(answer(write));
    }
    assertThat(storage.writes())
        .as("one write for the flush in progress, one for the 49 that queued behind it")
        .isEqualTo(2);
    assertThat(store.snapshot().sales()).hasSize(50);
    assertThat(answers).as("answered with the flushed document")
        .containsOnly(new Written(store.snapshot(), true));
    assertThat(recorder.count()).as("listeners hear once per flush").isEqualTo(2);
    assertThat(recorder.last()).isEqualTo(store.snapshot());
  }

  @Test
  void writesOfABatch_areCheckedInArrivalOrder_againstTheEarlierWritesOfTheBatch()
      throws Exception {
    CountingStorage.Hold flushing = storage.holdNextWrite();
    Future<Written> first = writers.start(() -> store.put(A, spec("1"), Optional.empty()));
    flushing.awaitHeld();
    String afterA = versionAfter(A);
    String afterAB = versionAfter(A, B);

    Future<Written> onA = writers.queue(() -> store.put(B, spec("1"), Optional.of(afterA)));
    Future<Written> onTheBatchsB =
        writers.queue(() -> store.put(C, spec("1"), Optional.of(afterAB)));
    Future<Written> staleInTheBatch =
        writers.queue(() -> store.put(D, spec("1"), Optional.of(afterA)));
    Future<DesiredState> unknown = writers.queue(() -> store.delete(E, Optional.empty()));
    Future<Written> update = writers.queue(() -> store.put(B, spec("2"), Optional.empty()));
    Future<Written> same = writers.queue(() -> store.put(B, spec("2"), Optional.empty()));
    Future<DesiredState> deleteOfTheBatchsC = writers.queue(() -> store.delete(C, Optional.empty()));
    flushing.release();

    answer(first);
    DesiredState flushed = answer(deleteOfTheBatchsC); // the batch's last: all are answered
    assertThat(store.snapshot()).isEqualTo(flushed);
    assertThat(flushed.sales()).containsOnlyKeys(A, B);
    assertThat(flushed.sale(B).orElseThrow().spec()).isEqualTo(spec("2"));
    assertThat(flushed.sale(B).orElseThrow().generation()).isEqualTo(2);
    assertThat(answer(onA)).isEqualTo(new Written(flushed, true));
    assertThat(answer(onTheBatchsB)).isEqualTo(new Written(flushed, true));
    assertThatThrownBy(() -> answer(staleInTheBatch))
        .isInstanceOfSatisfying(StaleVersionException.class,
            e -> assertThat(e.currentVersion()).as("the version in force").isEqualTo(flushed.version()));
    assertThatThrownBy(() -> answer(unknown)).isInstanceOf(UnknownSaleException.class);
    assertThat(answer(update)).isEqualTo(new Written(flushed, true));
    assertThat(answer(same)).isEqualTo(new Written(flushed, false));
    assertThat(storage.writes()).isEqualTo(2);
    assertThat(recorder.count()).isEqualTo(2);
  }

  @Test
  void aFailedFlush_failsEveryWriteOfItsBatch_andKeepsTheLastGoodState() throws Exception {
    store.put(A, spec("1"), Optional.empty());
    CountingStorage.Hold flushing = storage.holdNextWrite();
    Future<Written> first = writers.start(() -> store.put(B, spec("1"), Optional.empty()));
    flushing.awaitHeld();
    Future<Written> put = writers.queue(() -> store.put(C, spec("1"), Optional.empty()));
    Future<DesiredState> delete = writers.queue(() -> store.delete(A, Optional.empty()));
    Future<Written> stale = writers.queue(() -> store.put(D, spec("1"), Optional.of("0000")));
    storage.failWrites("No space left on device");
    flushing.release();

    DesiredState good = answer(first).state();
    for (Future<?> write : List.of(put, delete, stale)) {
      assertThatThrownBy(() -> answer(write))
          .as("judged against changes that never reached storage")
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessage("cannot write: No space left on device");
    }
    assertThat(store.snapshot()).isEqualTo(good);
    assertThat(good.sales()).containsOnlyKeys(A, B);
    assertThat(recorder.count()).as("nothing heard of the failed batch").isEqualTo(2);

    storage.healWrites();
    Written next = store.put(E, spec("1"), Optional.of(good.version()));
    assertThat(next.state().sales()).as("nothing of the failed batch").containsOnlyKeys(A, B, E);
    assertThat(storage.writes()).isEqualTo(4);
  }

  @Test
  void aBatchOfWritesThatChangeNothing_writesNothing() throws Exception {
    Written a = store.put(A, spec("1"), Optional.empty());
    CountingStorage.Hold flushing = storage.holdNextWrite();
    Future<Written> first = writers.start(() -> store.put(B, spec("1"), Optional.empty()));
    flushing.awaitHeld();
    Future<Written> same = writers.queue(() -> store.put(A, spec("1"), Optional.empty()));
    Future<Written> stale =
        writers.queue(() -> store.put(A, spec("2"), Optional.of(a.state().version())));
    flushing.release();

    DesiredState afterB = answer(first).state();
    assertThat(answer(same)).isEqualTo(new Written(afterB, false));
    assertThatThrownBy(() -> answer(stale)).isInstanceOf(StaleVersionException.class);
    assertThat(storage.writes()).as("A's, B's, and none for the batch").isEqualTo(2);
  }
}
