package com.arcal.emulator.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arcal.emulator.TestClock;
import com.arcal.emulator.lro.Operation;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writers are answered only once their change is in the state file, and never lose it. */
class ArmStateTest {
  @TempDir Path dir;

  @Test
  void concurrentWriters_eachReturnsOnlyWhenItsChangeIsOnDisk() throws Exception {
    StateStore store = new StateStore(dir);
    ArmState state = ArmState.load(store, Clock.systemUTC());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<String>>> missing = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        int writer = w;
        missing.add(
            pool.submit(
                () -> {
                  List<String> notOnDisk = new ArrayList<>();
                  for (int i = 0; i < 25; i++) {
                    String id = "op-" + writer + "-" + i;
                    state.transact(tx -> { tx.putOperation(done(id)); return null; });
                    if (!ids(store).contains(id)) {
                      notOnDisk.add(id);
                    }
                  }
                  return notOnDisk;
                }));
      }
      for (Future<List<String>> f : missing) {
        assertThat(f.get()).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(ids(store)).hasSize(200);
  }

  @Test
  void aFailedSave_failsItsTransaction_andTheNextSaveCarriesItsChange() throws Exception {
    Path blocker = dir.resolve("blocker");
    Files.writeString(blocker, "a file where the data folder should be");
    StateStore store = new StateStore(blocker.resolve("data"));
    ArmState state = ArmState.load(store, Clock.systemUTC());

    assertThatThrownBy(() -> state.transact(tx -> { tx.putOperation(done("first")); return null; }))
        .hasMessageContaining("cannot write emulator state");

    Files.delete(blocker);
    state.transact(tx -> { tx.putOperation(done("second")); return null; });
    assertThat(ids(store)).containsExactlyInAnyOrder("first", "second");
  }

  @Test
  void theFirstWrite_makesTheDataFolder() {
    StateStore store = new StateStore(dir.resolve("not-made-yet"));
    ArmState state = ArmState.load(store, Clock.systemUTC());
    state.transact(tx -> { tx.putOperation(done("first")); return null; });
    assertThat(ids(store)).containsExactly("first");
  }

  @Test
  void readOnlyTransactions_doNotWrite() {
    StateStore store = new StateStore(dir);
    ArmState state = ArmState.load(store, Clock.systemUTC());
    state.transact(tx -> tx.app("nothing"));
    assertThat(store.file()).doesNotExist();
    assertThat(store.journal()).doesNotExist();
  }

  @Test
  void writesAreJournaled_andFoldedIntoTheSnapshot_onReload() throws Exception {
    StateStore store = new StateStore(dir);
    ArmState state = ArmState.load(store, Clock.systemUTC());
    for (int i = 0; i < 5; i++) {
      String id = "op-" + i;
      state.transact(tx -> { tx.putOperation(done(id)); return null; });
    }
    assertThat(store.file()).as("no full save for a handful of writes").doesNotExist();
    assertThat(Files.readAllLines(store.journal())).hasSize(5);

    ArmState.load(store, Clock.systemUTC());
    assertThat(store.journal()).doesNotExist();
    assertThat(ids(store)).containsExactlyInAnyOrder("op-0", "op-1", "op-2", "op-3", "op-4");
  }

  @Test
  void aJournalLineCutShortByACrash_isSkipped_butACorruptLineInTheMiddleIsReported() throws Exception {
    StateStore store = new StateStore(dir);
    ArmState state = ArmState.load(store, Clock.systemUTC());
    state.transact(tx -> { tx.putOperation(done("kept")); return null; });
    Files.writeString(store.journal(), "{\"apps\":[{\"na", StandardOpenOption.APPEND);

    assertThat(ids(store)).containsExactly("kept");

    Files.writeString(store.journal(), "\n{}\n", StandardOpenOption.APPEND);
    assertThatThrownBy(store::load).hasMessageContaining("arm-journal.jsonl").hasMessageContaining("line 2");
  }

  @Test
  void theJournalIsFoldedIntoASnapshot_onceItOutgrowsTheState() {
    StateStore store = new StateStore(dir);
    ArmState state = ArmState.load(store, Clock.systemUTC());
    for (int i = 0; i <= ArmState.MIN_COMPACTION; i++) {
      String id = "op-" + i;
      state.transact(tx -> { tx.putOperation(done(id)); return null; });
    }
    assertThat(store.file()).exists();
    assertThat(ids(store)).hasSize(ArmState.MIN_COMPACTION + 1);
  }

  @Test
  void anAddressHeldByAnApp_isSkipped_untilTheAppIsRemoved() {
    StateStore store = new StateStore(dir);
    store.save(new StateSnapshot(StateSnapshot.CURRENT_VERSION, 0, List.of(app("a", "127.1.0.1")), List.of()));
    ArmState state = ArmState.load(store, Clock.systemUTC());

    state.transact(tx -> { tx.putApp(app("a", "127.1.0.1")); return null; });
    String next = state.transact(tx -> tx.allocateBindHost(List.of()));
    assertThat(next).as("held, also after an update").isEqualTo("127.1.0.2");

    store.save(new StateSnapshot(StateSnapshot.CURRENT_VERSION, 0, List.of(app("a", "127.1.0.1")), List.of()));
    ArmState reloaded = ArmState.load(store, Clock.systemUTC());
    reloaded.transact(tx -> { tx.removeApp("a"); return null; });
    String freed = reloaded.transact(tx -> tx.allocateBindHost(List.of()));
    assertThat(freed).as("freed by the removal").isEqualTo("127.1.0.1");
  }

  @Test
  void completedOperations_arePrunedOnAWriteAfterTheirRetention() {
    StateStore store = new StateStore(dir);
    TestClock clock = TestClock.atEpochDay();
    ArmState state = ArmState.load(store, clock);
    state.transact(tx -> { tx.putOperation(doneAt("old", clock.instant())); return null; });

    clock.advance(ArmState.COMPLETED_RETENTION.minusSeconds(1));
    state.transact(tx -> { tx.putOperation(doneAt("recent", clock.instant())); return null; });
    assertThat(ids(store)).containsExactlyInAnyOrder("old", "recent");

    clock.advance(ArmState.PRUNE_INTERVAL);
    state.transact(tx -> { tx.putOperation(doneAt("new", clock.instant())); return null; });
    assertThat(ids(store)).containsExactlyInAnyOrder("recent", "new");
    Optional<Operation> old = state.transact(tx -> tx.operation("old"));
    assertThat(old).isEmpty();
  }

  private static AppRecord app(String name, String host) {
    ObjectNode empty = JsonNodeFactory.instance.objectNode();
    Instant at = Instant.EPOCH;
    return new AppRecord(
        name, "sub", "rg", new DesiredSpec("westeurope", empty, "env", null, empty, empty, empty),
        ProvisioningState.Succeeded, "", "", null, host, List.of(), null, at, at);
  }

  private static List<String> ids(StateStore store) {
    return store.load().orElseThrow().operations().stream().map(Operation::id).toList();
  }

  private static Operation done(String id) {
    return doneAt(id, Instant.now());
  }

  private static Operation doneAt(String id, Instant now) {
    return new Operation(
        id, Operation.Type.PROVISION, "sub", "rg", "app", "westeurope",
        Operation.Status.Succeeded, now, now, now, false, null);
  }
}
