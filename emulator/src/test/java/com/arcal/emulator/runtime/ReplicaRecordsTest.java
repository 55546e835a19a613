package com.arcal.emulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.emulator.runtime.ReplicaStatus.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicaRecordsTest {

  private static final Instant CREATED = Instant.parse("2026-01-01T10:00:00Z");

  @TempDir
  Path dir;

  private Path file() {
    return dir.resolve("runtime/replicas.json");
  }

  /** A container whose process is this very JVM: alive, with a known start instant. */
  private static final Container THIS_PROCESS = new Container() {
    @Override
    public CompletableFuture<String> onExit() {
      return new CompletableFuture<>();
    }

    @Override
    public boolean isAlive() {
      return true;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void terminate() {}

    @Override
    public void kill() {}

    @Override
    public Optional<ProcessHandle> process() {
      return Optional.of(ProcessHandle.current());
    }
  };

  private static ReplicaStatus status() {
    return new ReplicaStatus("shop--r1-abcdefghij-klmno", "shop--r1", State.STARTING, 2, CREATED, null);
  }

  @Test
  void launched_isWrittenAtomically_andReadBackByTheNextRun() throws Exception {
    new ReplicaRecords(file()).launched("shop", status(), THIS_PROCESS);

    assertThat(Files.list(file().getParent()).map(Path::getFileName).map(Path::toString))
        .containsExactly("replicas.json");
    ReplicaRecords.Entry entry = new ReplicaRecords(file()).get("shop").orElseThrow();
    assertThat(entry.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(entry.restartCount()).isEqualTo(2);
    assertThat(entry.identity()).isEqualTo(new ReplicaIdentity("shop--r1-abcdefghij-klmno", "shop--r1", CREATED));
    assertThat(entry.isProcess(ProcessHandle.current())).isTrue();
  }

  @Test
  void isProcess_rejectsAReusedPid() {
    ReplicaRecords.Entry reused = new ReplicaRecords.Entry(ProcessHandle.current().pid(),
        "2001-01-01T00:00:00Z", "shop--r1", "shop--r1-x", 0, CREATED.toString());

    assertThat(reused.isProcess(ProcessHandle.current())).isFalse();
  }

  @Test
  void removed_and_retainOnlyWhere_forgetEntries() {
    ReplicaRecords records = new ReplicaRecords(file());
    records.launched("shop", status(), THIS_PROCESS);
    records.launched("cafe", status(), THIS_PROCESS);
    records.launched("deli", status(), THIS_PROCESS);

    records.removed("shop");
    records.retainOnlyWhere(List.of("cafe")::contains);

    assertThat(new ReplicaRecords(file()).all()).containsOnlyKeys("cafe");
  }

  @Test
  void unreadableFile_isIgnored() throws Exception {
    Files.createDirectories(file().getParent());
    Files.writeString(file(), "{not json");

    assertThat(new ReplicaRecords(file()).all()).isEqualTo(Map.of());
  }
}
