package com.arcal.controller.store;

import static com.arcal.controller.store.StoreFixtures.A;
import static com.arcal.controller.store.StoreFixtures.B;
import static com.arcal.controller.store.StoreFixtures.NOW;
import static com.arcal.controller.store.StoreFixtures.open;
import static com.arcal.controller.store.StoreFixtures.read;
import static com.arcal.controller.store.StoreFixtures.spec;
import static com.arcal.controller.store.StoreFixtures.writeInPlace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.sale.SaleId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 6, scenario 5: a bad document is never applied and fixing it resumes. */
class FileDesiredStateStoreBadFileTest {
  private static final String FIXED =
      "{\"sales\": {\"vente-01\": {\"config\": {\"k\": \"1\"}}, \"vente-03\": {}}}";

  @TempDir Path dir;
  private Path file;
  private FileDesiredStateStore store;
  private DesiredState good;
  private final StoreFixtures.Recorder recorder = new StoreFixtures.Recorder();

  @BeforeEach
  void twoSalesInForce() {
    file = dir.resolve("desired-state.json");
    store = open(file);
    store.put(A, spec("1"), Optional.empty());
    good = store.put(B, spec("1"), Optional.empty()).state();
    store.watch(recorder);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "truncated JSON|{\"sales\": {\"vente-01\": {\"config\": {\"k\": |line 1, column 40: invalid JSON: Unexpected end-of-input",
        "invalid JSON|{sales: {}}|line 1, column 2: invalid JSON: Unexpected character",
        "wrong type|{\"sales\": {\"vente-01\": {\"config\": {\"k\": 1}}}}|line 1, column 41: sales.vente-01.config.k: expected a string, found the number 1",
        "unknown field|{\"sales\": {\"vente-01\": {\"replicas\": 3}}}|sales.vente-01.replicas: unknown field",
        "duplicate keys|{\"sales\": {\"vente-01\": {}, \"vente-01\": {}}}|invalid JSON: Duplicate field 'vente-01'",
        "invalid sale id|{\"sales\": {\"Vente 01\": {}}}|sales.Vente 01: 'Vente 01' is not a valid sale id",
        "empty file|``|the document is empty",
      })
  void aBadDocument_isNeverApplied_andFixingItResumes(String name, String content, String expected) {
    String bad = content == null ? "" : content;
    writeInPlace(file, bad);
    store.reload();

    assertNotApplied(expected);
    assertThat(read(file)).as("the operator's file is left as they wrote it").isEqualTo(bad);

    writeInPlace(file, FIXED);
    store.reload();

    assertResumed();
  }

  @Test
  void anEmptySalesMap_isValid_andApplied() {
    writeInPlace(file, "{\"sales\": {}}");
    store.reload();

    assertThat(store.problem()).isEmpty();
    assertThat(store.snapshot().sales()).isEmpty();
    assertThat(recorder.count()).isEqualTo(1);
  }

  @Test
  void aFileReplacedByADirectory_isAProblem_notAnEmptyState() throws Exception {
    Files.delete(file);
    Files.createDirectory(file);
    store.reload();

    assertNotApplied("is a directory, not a desired-state file");

    Files.delete(file);
    writeInPlace(file, FIXED);
    store.reload();
    assertResumed();
  }

  @Test
  void aFileThatCannotBeRead_isAProblem() throws Exception {
    // Root reads any file whatever its mode, so the root-proof unreadable file is a symlink loop.
    Files.delete(file);
    Path other = dir.resolve("loop");
    Files.createSymbolicLink(file, other);
    Files.createSymbolicLink(other, file);
    store.reload();

    assertNotApplied("cannot read " + file);

    Files.delete(file);
    writeInPlace(file, FIXED);
    store.reload();
    assertResumed();
  }

  @Test
  void aFileWithoutReadPermission_isAProblem_whenNotRunningAsRoot() throws Exception {
    assumeThat(System.getProperty("user.name")).as("root reads regardless of mode").isNotEqualTo("root");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    writeInPlace(dir.resolve("unused"), "");
    store.reload();

    assertNotApplied("cannot read " + file + ": permission denied");
  }

  @Test
  void aDeletedFile_keepsTheLastGoodState_andRestoringItResumes() throws Exception {
    Files.delete(file);
    store.reload();

    assertNotApplied("is missing; the last good desired state (version " + good.version() + ", 2 sales)");

    writeInPlace(file, FIXED);
    store.reload();
    assertResumed();
  }

  @Test
  void aProblemKeepsTheTimeItWasFirstSeen_acrossDifferentErrors() {
    writeInPlace(file, "{");
    store.reload();
    writeInPlace(file, "[");
    store.reload();

    assertThat(store.problem().orElseThrow().since()).isEqualTo(NOW);
    assertThat(store.problem().orElseThrow().message()).contains("found an array");
  }

  @Test
  void restoringTheSameGoodBytes_clearsTheProblem_withoutAChange() {
    String goodBytes = read(file);
    writeInPlace(file, "{");
    store.reload();
    writeInPlace(file, goodBytes);
    store.reload();

    assertThat(store.problem()).isEmpty();
    assertThat(store.snapshot()).isEqualTo(good);
    assertThat(recorder.count()).isZero();
  }

  private void assertNotApplied(String expectedProblem) {
    assertThat(store.problem()).hasValueSatisfying(p -> {
      assertThat(p.message()).contains(expectedProblem);
      assertThat(p.since()).isEqualTo(NOW);
    });
    assertThat(store.snapshot()).as("last good state in force").isEqualTo(good);
    assertThat(recorder.count()).as("no change announced").isZero();
    assertThatThrownBy(() -> store.put(A, spec("2"), Optional.empty()))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("cannot be changed until the file is fixed")
        .hasMessageContaining(expectedProblem);
  }

  private void assertResumed() {
    assertThat(store.problem()).isEmpty();
    assertThat(store.snapshot().sales()).containsOnlyKeys(A, new SaleId("vente-03"));
    assertThat(recorder.count()).isEqualTo(1);
    assertThat(recorder.last()).isEqualTo(store.snapshot());
  }
}
