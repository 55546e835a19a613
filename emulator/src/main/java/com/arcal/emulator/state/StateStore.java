package com.arcal.emulator.state;

import com.arcal.emulator.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Reads and writes {@code <dataDir>/arm-state.json}. Writes go to a temporary file that is then
 * renamed over the old one, so a crash mid-write leaves the previous state intact.
 */
public final class StateStore {
  private final Path file;

  public StateStore(Path dataDir) {
    this.file = dataDir.resolve("arm-state.json");
  }

  public Path file() {
    return file;
  }

  public Optional<StateSnapshot> load() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.mapper().readValue(file.toFile(), StateSnapshot.class));
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read emulator state " + file + " (fix or delete it): " + e.getMessage(), e);
    }
  }

  public void save(StateSnapshot snapshot) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), "arm-state", ".tmp");
      try {
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), snapshot);
        move(tmp);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write emulator state " + file, e);
    }
  }

  private void move(Path tmp) throws IOException {
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
