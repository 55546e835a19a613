package com.arcal.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.arcal.controller.blob.Azurite;
import com.arcal.controller.blob.AzuriteExtension;
import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import com.arcal.controller.store.DesiredStateStore.Written;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The blob store against Azurite: creation, hand edits, bad uploads, racing replicas. */
@ExtendWith(AzuriteExtension.class)
class BlobDesiredStateStoreIT {
  private static final AppNaming NAMING = new AppNaming("sale-");
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration SEEN = Duration.ofSeconds(5);
  private static final int WRITERS = 8;

  private final List<BlobDesiredStateStore> opened = new ArrayList<>();
  private final List<DocumentStore> counted = new ArrayList<>();
  private Azurite azurite;
  private String url;

  @BeforeEach
  void newBlob(Azurite azurite) {
    this.azurite = azurite;
    this.url = azurite.newBlobUrl("desired-state.json");
  }

  @AfterEach
  void closeStores() {
    opened.forEach(BlobDesiredStateStore::close);
    counted.forEach(DocumentStore::close);
  }

  private BlobDesiredStateStore open() {
    BlobDesiredStateStore store =
        BlobDesiredStateStore.open(azurite.connection(), url, NAMING, Clock.systemUTC(), POLL);
    opened.add(store);
    return store;
  }

  /** The blob as an operator with the storage account's key reaches it. */
  private BlobClient operator() {
    return azurite.connection().blob(url, Duration.ofSeconds(5), 1);
  }

  private void upload(String json) {
    operator().upload(BinaryData.fromString(json), true);
  }

  private String blobText() {
    return operator().downloadContent().toString();
  }

  private static SaleId id(String sale) {
    return new SaleId(sale);
  }

  private static SaleSpec config(String key, String value) {
    return SaleSpec.ofConfig(Map.of(key, value));
  }

  @Test
  void createsTheContainerAndAnEmptyDocumentWhenMissing() {
    BlobDesiredStateStore first = open();

    assertThat(first.createdFresh()).isTrue();
    assertThat(first.problem()).isEmpty();
    assertThat(first.snapshot().asMap()).isEmpty();
    assertThat(blobText()).isEqualTo("{\n  \"sales\": {}\n}\n");
    assertThat(first.snapshot().version())
        .isEqualTo(DesiredStateCodec.version(blobText().getBytes(StandardCharsets.UTF_8)));

    assertThat(open().createdFresh()).isFalse();
  }

  @Test
  void aWriteOnOneReplicaIsSeenByAnotherWithTheSameVersion() {
    BlobDesiredStateStore a = open();
    BlobDesiredStateStore b = open();
    List<DesiredState> seenByB = new CopyOnWriteArrayList<>();
    b.watch((before, after) -> seenByB.add(after));

    DesiredState written = a.put(id("vente-01"), config("lots", "3"), Optional.empty()).state();

    await().atMost(SEEN).until(() -> b.snapshot().equals(written));
    assertThat(seenByB).containsExactly(written);
    InMemoryDesiredStateStore memory = new InMemoryDesiredStateStore(NAMING);
    assertThat(memory.put(id("vente-01"), config("lots", "3"), Optional.empty()).state().version())
        .as("the version is the content hash, as in every store")
        .isEqualTo(written.version());
  }

  @Test
  void aWriteNamingAVersionAnotherReplicaReplacedFailsStale() {
    BlobDesiredStateStore a = open();
    BlobDesiredStateStore b = open();
    String base = b.snapshot().version();
    DesiredState afterA = a.put(id("vente-01"), config("lots", "1"), Optional.of(base)).state();

    assertThatThrownBy(() -> b.put(id("vente-02"), config("lots", "2"), Optional.of(base)))
        .isInstanceOfSatisfying(
            StaleVersionException.class,
            e -> assertThat(e.currentVersion()).isEqualTo(afterA.version()));
    assertThat(b.snapshot()).isEqualTo(afterA);
  }

  @Test
  void aHandEditedBlobIsPickedUpAndItsGenerationsWrittenBack() {
    BlobDesiredStateStore store = open();
    store.put(id("vente-01"), config("lots", "1"), Optional.empty());

    upload("{\"sales\": {\"vente-01\": {\"config\": {\"lots\": \"2\"}}, \"vente-02\": {}}}");

    await().atMost(SEEN).until(() -> store.snapshot().asMap().size() == 2);
    assertThat(store.snapshot().sale(id("vente-01")).orElseThrow().generation()).isEqualTo(2);
    assertThat(store.problem()).isEmpty();
    await().atMost(SEEN).until(() -> blobText().contains("\"generation\": 2"));
    assertThat(store.snapshot().version())
        .isEqualTo(DesiredStateCodec.version(blobText().getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void anInvalidUploadIsNeverAppliedAndBlocksWritesUntilFixed() {
    BlobDesiredStateStore store = open();
    DesiredState good = store.put(id("vente-01"), config("lots", "1"), Optional.empty()).state();
    AtomicInteger changes = new AtomicInteger();
    store.watch((before, after) -> changes.incrementAndGet());

    upload("{\"sales\": {\"vente-01\": {\"cpu\": 1}}}");

    await().atMost(SEEN).until(() -> store.problem().isPresent());
    assertThat(store.problem().orElseThrow().message())
        .contains(url)
        .contains("line 1, column")
        .contains("sales.vente-01.cpu");
    assertThat(store.snapshot()).isEqualTo(good);
    assertThat(changes).hasValue(0);
    assertThatThrownBy(() -> store.put(id("vente-02"), config("a", "b"), Optional.empty()))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("until the blob is fixed");

    upload("{\"sales\": {}}");

    await().atMost(SEEN).until(() -> store.problem().isEmpty());
    assertThat(store.snapshot().asMap()).isEmpty();
    assertThat(changes).hasValue(1);
  }

  @Test
  void aDeletedBlobIsAProblemNotAnEmptyDesiredState() {
    BlobDesiredStateStore store = open();
    DesiredState good = store.put(id("vente-01"), config("lots", "1"), Optional.empty()).state();

    operator().delete();

    await().atMost(SEEN).until(() -> store.problem().isPresent());
    assertThat(store.problem().orElseThrow().message()).contains("is missing");
    assertThat(store.snapshot()).isEqualTo(good);
  }

  @Test
  void eightReplicasWritingAtOnceLoseNoUpdate() throws Exception {
    List<BlobDesiredStateStore> replicas = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      replicas.add(open());
    }
    int perWriter = 4;
    runAtOnce(replicas, (store, w) -> {
      for (int k = 0; k < perWriter; k++) {
        store.put(id("w" + w + "-s" + k), config("writer", "" + w), Optional.empty());
      }
    });

    int expected = WRITERS * perWriter;
    for (BlobDesiredStateStore replica : replicas) {
      await().atMost(SEEN).until(() -> replica.snapshot().asMap().size() == expected);
    }
    assertThat(new DesiredStateCodec(NAMING).decode(blobText().getBytes(StandardCharsets.UTF_8)))
        .hasSize(expected);
  }

  @Test
  void readModifyWriteWithVersionsCountsEveryIncrement() throws Exception {
    List<BlobDesiredStateStore> replicas = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      replicas.add(open());
    }
    replicas.get(0).put(id("counter"), config("n", "0"), Optional.empty());
    int increments = 3;
    AtomicInteger stale = new AtomicInteger();
    runAtOnce(replicas, (store, w) -> {
      for (int k = 0; k < increments; ) {
        DesiredState seen = store.snapshot();
        int n = seen.sale(id("counter")).map(s -> Integer.parseInt(s.spec().config().get("n")))
            .orElse(-1000);
        try {
          store.put(id("counter"), config("n", "" + (n + 1)), Optional.of(seen.version()));
          k++;
        } catch (StaleVersionException e) {
          stale.incrementAndGet(); // lost the race: read again, as an API client does
        }
      }
    });

    assertThat(blobText()).contains("\"n\": \"" + WRITERS * increments + "\"");
    assertThat(stale).as("the writers did race").hasPositiveValue();
  }

  /** A store over the blob, and its uploads counted and held at will (see CountingStorage). */
  private record Counted(DocumentStore store, CountingStorage storage) {}

  private Counted openCounted() {
    BlobStorage blob = new BlobStorage(azurite.connection().blob(url, Duration.ofSeconds(10), 3), POLL,
        new DesiredStateCodec(NAMING).encode(List.of()));
    CountingStorage storage = new CountingStorage(blob);
    DocumentStore store = new DocumentStore(storage, NAMING, Clock.systemUTC());
    counted.add(store);
    return new Counted(store, storage);
  }

  @Test
  void writesArrivingDuringAnUploadShareTheNextOne() throws Exception {
    Counted one = openCounted();
    DocumentStore store = one.store();
    CountingStorage storage = one.storage();
    try (Writers writers = new Writers(store)) {
      CountingStorage.Hold uploading = storage.holdNextWrite();
      Future<Written> first =
          writers.start(() -> store.put(id("first"), config("a", "b"), Optional.empty()));
      uploading.awaitHeld();
      List<Future<Written>> queued = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        SaleId sale = id("queued-" + i);
        queued.add(writers.queue(() -> store.put(sale, config("a", "b"), Optional.empty())));
      }
      uploading.release();

      Writers.answer(first);
      for (Future<Written> write : queued) {
        assertThat(Writers.answer(write).state().sales()).hasSize(21);
      }
      assertThat(storage.writes()).isEqualTo(2);
      assertThat(new DesiredStateCodec(NAMING).decode(blobText().getBytes(StandardCharsets.UTF_8)))
          .as("every answer is in the blob").hasSize(21);
    }
  }

  @Test
  void aBatchThatLosesARaceIsAppliedAgainInOrderOnTheWinnersDocument() throws Exception {
    Counted one = openCounted();
    DocumentStore store = one.store();
    CountingStorage storage = one.storage();
    InMemoryDesiredStateStore twin = new InMemoryDesiredStateStore(NAMING);
    twin.put(id("vente-01"), config("a", "b"), Optional.empty());
    String afterFirst = twin.snapshot().version();
    try (Writers writers = new Writers(store)) {
      CountingStorage.Hold firstUpload = storage.holdNextWrite();
      Future<Written> first =
          writers.start(() -> store.put(id("vente-01"), config("a", "b"), Optional.empty()));
      firstUpload.awaitHeld();
      Future<Written> put =
          writers.queue(() -> store.put(id("vente-02"), config("a", "b"), Optional.empty()));
      Future<Written> conditional =
          writers.queue(() -> store.put(id("vente-03"), config("a", "b"), Optional.of(afterFirst)));
      CountingStorage.Hold batchUpload = storage.holdNextWrite();
      firstUpload.release();
      Writers.answer(first);
      batchUpload.awaitHeld(); // the batch has read the blob; another replica now wins the race

      upload("{\"sales\": {\"vente-01\": {\"config\": {\"a\": \"b\"}}, \"other\": {}}}");
      batchUpload.release();

      DesiredState flushed = Writers.answer(put).state();
      assertThat(flushed.sales().keySet()).extracting(SaleId::value)
          .containsExactlyInAnyOrder("vente-01", "other", "vente-02");
      assertThatThrownBy(() -> Writers.answer(conditional))
          .as("checked again on the winner's document")
          .isInstanceOfSatisfying(StaleVersionException.class,
              e -> assertThat(e.currentVersion()).isEqualTo(flushed.version()));
      assertThat(storage.writes()).as("first, the batch's lost race, its retry").isEqualTo(3);
      assertThat(blobText()).contains("\"other\"", "\"vente-02\"").doesNotContain("vente-03");
    }
  }

  @FunctionalInterface
  private interface Writer {
    void write(BlobDesiredStateStore store, int writer) throws Exception;
  }

  private static void runAtOnce(List<BlobDesiredStateStore> replicas, Writer writer)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(replicas.size());
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < replicas.size(); w++) {
        int n = w;
        done.add(pool.submit(() -> {
          go.await();
          writer.write(replicas.get(n), n);
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
