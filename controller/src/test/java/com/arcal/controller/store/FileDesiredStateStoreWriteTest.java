package com.arcal.controller.store;

import static com.arcal.controller.store.StoreFixtures.A;
import static com.arcal.controller.store.StoreFixtures.B;
import static com.arcal.controller.store.StoreFixtures.CLOCK;
import static com.arcal.controller.store.StoreFixtures.NAMING;
import static com.arcal.controller.store.StoreFixtures.POLL;
import static com.arcal.controller.store.StoreFixtures.namesIn;
import static com.arcal.controller.store.StoreFixtures.open;
import static com.arcal.controller.store.StoreFixtures.spec;
import static com.arcal.controller.store.StoreFixtures.writeInPlace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic, conditional writes; issue 6 scenario 8 (storage faults) and 7 (concurrent writers). */
class FileDesiredStateStoreWriteTest {
  @TempDir Path dir;

  private Path file() {
    return dir.resolve("desired-state.json");
  }

  /** A disk that fills up in the middle of writing the temp file. */
  private static final class FullDisk extends AtomicFileWriter {
    volatile boolean full = true;

    @Override
    protected void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
      if (!full) {
        super.writeFully(channel, bytes);
        return;
      }
      channel.write(bytes.slice(0, bytes.remaining() / 2));
      throw new FileSystemException(null, null, "No space left on device");
    }
  }

  /** A folder remounted read-only: creating the temp file fails. */
  private static final class ReadOnlyFolder extends AtomicFileWriter {
    @Override
    protected FileChannel openTemp(Path temp) throws IOException {
      throw new FileSystemException(temp.toString(), null, "Read-only file system");
    }
  }

  @Test
  void aFullDisk_failsTheWrite_clearly_andLeavesThePreviousFileIntact() throws Exception {
    FullDisk disk = new FullDisk();
    disk.full = false;
    try (FileDesiredStateStore store = new FileDesiredStateStore(file(), NAMING, CLOCK, POLL, disk)) {
      DesiredState good = store.put(A, spec("1"), Optional.empty()).state();
      byte[] before = Files.readAllBytes(file());
      disk.full = true;

      assertThatThrownBy(() -> store.put(B, spec("1"), Optional.of(good.version())))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessage("cannot write the desired-state file " + file()
              + ": No space left on device; the previous file is unchanged");

      assertThat(Files.readAllBytes(file())).isEqualTo(before);
      assertThat(namesIn(dir)).containsExactly("desired-state.json");
      assertThat(store.snapshot()).isEqualTo(good);
      assertThat(store.problem()).isEmpty();

      disk.full = false;
      assertThat(store.put(B, spec("1"), Optional.of(good.version())).state().sales())
          .containsOnlyKeys(A, B);
    }
  }

  @Test
  void aReadOnlyFolder_failsTheWrite_clearly_andLeavesThePreviousFileIntact() throws Exception {
    writeInPlace(file(), "{\"sales\": {\"vente-01\": {}}}");
    byte[] before = Files.readAllBytes(file());
    try (FileDesiredStateStore store =
        new FileDesiredStateStore(file(), NAMING, CLOCK, POLL, new ReadOnlyFolder())) {

      assertThatThrownBy(() -> store.delete(A, Optional.empty()))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("Read-only file system; the previous file is unchanged");

      assertThat(Files.readAllBytes(file())).isEqualTo(before);
      assertThat(store.snapshot().sales()).containsOnlyKeys(A);
    }
  }

  @Test
  void aFolderThatIsAFile_isAProblem_andWritesFailClearly_withoutASeam() throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("not-a-folder"), "x");
    Path file = notAFolder.resolve("desired-state.json");
    try (FileDesiredStateStore store = open(file)) {
      assertThat(store.createdFresh()).as("a broken path is not a first start").isFalse();
      assertThat(store.problem().orElseThrow().message())
          .isEqualTo("cannot read " + file + ": Not a directory; the last good desired state stays in force");

      assertThatThrownBy(() -> store.put(A, spec("1"), Optional.empty()))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("Not a directory");
      assertThat(Files.readString(notAFolder)).isEqualTo("x");
    }
  }

  @Test
  void readersNeverSeeAPartiallyWrittenFile() throws Exception {
    DesiredStateCodec codec = new DesiredStateCodec(NAMING);
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger reads = new AtomicInteger();
    List<String> torn = new ArrayList<>();
    try (FileDesiredStateStore store = open(file())) {
      store.put(A, spec("0"), Optional.empty());
      Thread reader =
          new Thread(
              () -> {
                while (writing.get()) {
                  try {
                    codec.decode(Files.readAllBytes(file()));
                    reads.incrementAndGet();
                  } catch (IOException | RuntimeException e) {
                    torn.add(e.toString());
                  }
                }
              });
      reader.start();
      for (int i = 0; i < 200; i++) {
        store.put(A, SaleSpec.ofConfig(bigConfig(i)), Optional.empty());
      }
      writing.set(false);
      reader.join();
    }

    assertThat(torn).isEmpty();
    assertThat(reads.get()).isPositive();
    assertThat(namesIn(dir)).containsExactly("desired-state.json");
  }

  /** About 80 KB: large enough to take several write calls. */
  private static Map<String, String> bigConfig(int round) {
    Map<String, String> config = new HashMap<>();
    for (int k = 0; k < 20; k++) {
      config.put("key" + k, String.valueOf(round).repeat(4000 / String.valueOf(round).length()));
    }
    return config;
  }

  @Test
  void eightRacingWriters_loseNoUpdate_andOnlySuccessfulWritesAreReflected() throws Exception {
    record Success(String expected, String produced, String value) {}
    List<Success> successes = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger stale = new AtomicInteger();
    SaleId shared = new SaleId("shared");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    try (FileDesiredStateStore store = open(file())) {
      DesiredState initial = store.put(shared, spec("initial"), Optional.empty()).state();
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        int writer = w;
        writers.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < 25; i++) {
                    String expected = store.snapshot().version();
                    String value = writer + "-" + i;
                    try {
                      DesiredState after =
                          store.put(shared, spec(value), Optional.of(expected)).state();
                      successes.add(new Success(expected, after.version(), value));
                    } catch (StaleVersionException e) {
                      stale.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : writers) {
        f.get(30, TimeUnit.SECONDS);
      }

      // Every success built on the version the previous success produced: one unbroken chain.
      Map<String, Success> byExpected = new HashMap<>();
      for (Success s : successes) {
        assertThat(byExpected.put(s.expected(), s)).as("two writes built on one version").isNull();
      }
      String version = initial.version();
      Success last = null;
      for (int i = 0; i < successes.size(); i++) {
        last = byExpected.get(version);
        assertThat(last).as("chain broken after %d writes", i).isNotNull();
        version = last.produced();
      }
      DesiredState fin = store.snapshot();
      assertThat(fin.version()).isEqualTo(version);
      assertThat(fin.sale(shared).orElseThrow().spec()).isEqualTo(spec(last.value()));
      assertThat(fin.sale(shared).orElseThrow().generation()).isEqualTo(1L + successes.size());
      assertThat(successes.size() + stale.get()).isEqualTo(200);
      assertThat(stale.get()).isPositive();
      try (FileDesiredStateStore reopened = open(file())) {
        assertThat(reopened.snapshot()).isEqualTo(fin);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
