package com.arcal.controller.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The document as a file that operators may also edit by hand: writes are atomic ({@link
 * AtomicFileWriter}), hand edits are seen by a {@link FileWatcher}. A file cannot be written
 * conditionally, so a write checks the file just before its rename, once the new bytes are on
 * disk: a hand edit saved since the store's last look (during the flush, the slow part) is a
 * {@link DocumentStorage.Conflict}, and the store reads it and applies its writes on top of it.
 * Only an edit saved between that check and the rename, microseconds, can still be overwritten.
 */
final class FileStorage implements DocumentStorage {
  private static final Logger log = LoggerFactory.getLogger(FileStorage.class);

  private final Path file;
  private final Duration pollInterval;
  private final AtomicFileWriter writer;
  private final boolean createdFresh;
  /** Set once by {@link #watch}; volatile because {@link #close} may come from another thread. */
  private volatile FileWatcher watcher;
  /** Signature of the last look at the file or write: an identical look changes nothing. */
  private String lastSeen = "";

  FileStorage(Path file, Duration pollInterval, AtomicFileWriter writer) {
    this.pollInterval = DocumentStorage.positive(pollInterval);
    this.file = file.toAbsolutePath().normalize();
    this.writer = writer;
    this.createdFresh = Files.notExists(this.file);
    writer.removeLeftovers(this.file);
  }

  Path file() {
    return file;
  }

  @Override
  public String kind() {
    return "file";
  }

  @Override
  public String where() {
    return file.toString();
  }

  @Override
  public boolean createdFresh() {
    return createdFresh;
  }

  @Override
  public Read readIfChanged() {
    FileObservation seen = FileObservation.look(file, MAX_BYTES);
    if (seen.signature().equals(lastSeen)) {
      return Read.of(Outcome.UNCHANGED);
    }
    lastSeen = seen.signature();
    if (seen.missing()) {
      return Read.of(createdFresh ? Outcome.NOT_CREATED : Outcome.MISSING);
    }
    return seen.fault() != null ? Read.fault(seen.fault()) : Read.changed(seen.bytes());
  }

  @Override
  public void write(byte[] document) {
    try {
      writer.write(file, document, () -> requireStill(lastSeen));
    } catch (IOException e) {
      throw new StoreUnavailableException(
          "cannot write the desired-state file " + file + ": " + FileObservation.reason(e)
              + "; the previous file is unchanged",
          e);
    }
    lastSeen = signature(document);
  }

  @Override
  public boolean writeBack(byte[] read, byte[] canonical) {
    try {
      writer.write(file, canonical, () -> requireStill(signature(read)));
      log.info("wrote generations back to {} after a hand edit", file);
      lastSeen = signature(canonical);
      return true;
    } catch (Conflict e) {
      return false; // edited again meanwhile: the next look settles that version
    } catch (IOException e) {
      log.warn("cannot write generations back to {} ({}); they hold until a restart",
          file, FileObservation.reason(e));
      return false;
    }
  }

  @Override
  public void watch(Runnable onChange) {
    watcher = new FileWatcher(file, pollInterval, onChange);
    watcher.start();
  }

  @Override
  public void close() {
    if (watcher != null) {
      watcher.close();
    }
  }

  /** Refuses a rename over a file that no longer is what the store last saw there. */
  private void requireStill(String signature) {
    if (!FileObservation.look(file, MAX_BYTES).signature().equals(signature)) {
      throw new Conflict();
    }
  }

  private static String signature(byte[] bytes) {
    return "bytes:" + DesiredStateCodec.version(bytes);
  }
}
