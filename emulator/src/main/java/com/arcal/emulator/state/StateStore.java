package com.arcal.emulator.state;

import com.arcal.emulator.http.Json;
import com.arcal.emulator.lro.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the emulated cloud on disk as {@code <dataDir>/arm-state.json} (a full snapshot, replaced
 * atomically: written to a temporary file, then renamed) plus {@code arm-journal.jsonl}, one line
 * per change since that snapshot.
 *
 * <p>Why a journal: a write appends the few records it changed (about 2 KB) instead of rewriting
 * every app (1.8 MB at 1000 apps, tens of milliseconds), so an ARM write costs the same at any
 * fleet size and is on disk before it is answered. Replaying the journal over the snapshot is
 * idempotent (each line holds whole records), so a crash between writing a snapshot and emptying
 * the journal loses nothing; a last line cut short by a crash was never acknowledged and is
 * skipped. Secret values are sealed in both files ({@link SecretsAtRest}).
 */
public final class StateStore {
  private final Path file;
  private final Path journal;
  private final SecretsAtRest secrets;

  public StateStore(Path dataDir) {
    this.file = dataDir.resolve("arm-state.json");
    this.journal = dataDir.resolve("arm-journal.jsonl");
    this.secrets = new SecretsAtRest(dataDir);
  }

  public Path file() {
    return file;
  }

  public Path journal() {
    return journal;
  }

  /** The snapshot with the journal replayed over it; empty when neither exists. */
  public Optional<StateSnapshot> load() {
    Optional<StateSnapshot> snapshot = readSnapshot();
    List<JournalEntry> entries = readJournal();
    if (entries.isEmpty()) {
      return snapshot.map(this::opened);
    }
    StateSnapshot base = snapshot.orElse(StateSnapshot.empty());
    Map<String, AppRecord> apps = new LinkedHashMap<>();
    base.apps().forEach(a -> apps.put(key(a.name()), a));
    Map<String, Operation> operations = new LinkedHashMap<>();
    base.operations().forEach(o -> operations.put(o.id(), o));
    int nextBindHost = base.nextBindHost();
    for (JournalEntry entry : entries) {
      entry.removedApps().forEach(name -> apps.remove(key(name)));
      entry.apps().forEach(a -> apps.put(key(a.name()), a));
      entry.removedOperations().forEach(operations::remove);
      entry.operations().forEach(o -> operations.put(o.id(), o));
      nextBindHost = entry.nextBindHost();
    }
    return Optional.of(
        opened(new StateSnapshot(
            StateSnapshot.CURRENT_VERSION,
            nextBindHost,
            new ArrayList<>(apps.values()),
            new ArrayList<>(operations.values()))));
  }

  private StateSnapshot opened(StateSnapshot snapshot) {
    return new StateSnapshot(snapshot.version(), snapshot.nextBindHost(),
        snapshot.apps().stream().map(secrets::open).toList(), snapshot.operations());
  }

  /** Appends one change; returns once it is written. */
  public void append(JournalEntry entry) {
    JournalEntry sealed = new JournalEntry(entry.apps().stream().map(secrets::seal).toList(),
        entry.removedApps(), entry.operations(), entry.removedOperations(), entry.nextBindHost());
    try {
      byte[] line = (Json.mapper().writeValueAsString(sealed) + "\n").getBytes(StandardCharsets.UTF_8);
      try {
        Files.write(journal, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (NoSuchFileException e) {
        // Only the first write into a data folder not made yet: not a check on every ARM write.
        Files.createDirectories(journal.getParent());
        Files.write(journal, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write emulator state " + journal, e);
    }
  }

  /**
   * Replaces the snapshot (apps sorted by name, operations by start time: stable diffs), then
   * empties the journal it now includes.
   */
  public void save(StateSnapshot snapshot) {
    StateSnapshot sorted =
        new StateSnapshot(
            snapshot.version(),
            snapshot.nextBindHost(),
            snapshot.apps().stream().sorted(Comparator.comparing(AppRecord::name)).map(secrets::seal).toList(),
            snapshot.operations().stream()
                .sorted(Comparator.comparing(Operation::startTime))
                .toList());
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), "arm-state", ".tmp");
      try {
        Json.mapper().writeValue(tmp.toFile(), sorted);
        move(tmp);
      } finally {
        Files.deleteIfExists(tmp);
      }
      Files.deleteIfExists(journal);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write emulator state " + file, e);
    }
  }

  private Optional<StateSnapshot> readSnapshot() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.mapper().readValue(file.toFile(), StateSnapshot.class));
    } catch (IOException e) {
      throw unreadable(file, e.getMessage());
    }
  }

  private List<JournalEntry> readJournal() {
    if (!Files.exists(journal)) {
      return List.of();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw unreadable(journal, e.getMessage());
    }
    List<JournalEntry> entries = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      try {
        entries.add(Json.mapper().readValue(lines.get(i), JournalEntry.class));
      } catch (IOException e) {
        if (i == lines.size() - 1) {
          break; // cut short by a crash while appending: that write was never answered
        }
        throw unreadable(journal, "line " + (i + 1) + ": " + e.getMessage());
      }
    }
    return entries;
  }

  private static IllegalStateException unreadable(Path path, String why) {
    return new IllegalStateException(
        "cannot read emulator state " + path + " (fix or delete it): " + why);
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private void move(Path tmp) throws IOException {
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
