package com.arcal.controller.store;

import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.sale.SaleId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Desired state in a JSON file that operators may also edit by hand (format in
 * docs/desired-state.md). Hand edits are picked up by {@link FileWatcher}; a document that does
 * not parse or validate is never applied (the last good state stays in force and {@link
 * #problem()} says why); writes are atomic ({@link AtomicFileWriter}) and conditional on the
 * version, which is a hash of the file's bytes.
 *
 * <p>While the file has a problem the store refuses writes: writing would either discard the
 * operator's unfinished edit or resurrect a file deleted on purpose.
 */
public final class FileDesiredStateStore extends EditingStore {
  private static final Logger log = LoggerFactory.getLogger(FileDesiredStateStore.class);
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
  static final long MAX_BYTES = 16L * 1024 * 1024;

  private final Path file;
  private final AtomicFileWriter writer;
  private final DocumentKeeper keeper;
  private final FileWatcher watcher;
  private final boolean createdFresh;
  /** Signature of the last look at the file: an identical look changes nothing. Under the lock. */
  private String lastSeen = "";

  public FileDesiredStateStore(Path file, AppNaming naming, Clock clock, Duration pollInterval) {
    this(file, naming, clock, pollInterval, new AtomicFileWriter());
  }

  FileDesiredStateStore(
      Path file, AppNaming naming, Clock clock, Duration pollInterval, AtomicFileWriter writer) {
    super(naming);
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("poll interval must be positive: " + pollInterval);
    }
    this.file = file.toAbsolutePath().normalize();
    this.keeper =
        new DocumentKeeper(
            new DesiredStateCodec(naming), clock, "file", "desired-state file " + this.file);
    this.writer = writer;
    this.createdFresh = Files.notExists(this.file);
    writer.removeLeftovers(this.file);
    reload();
    this.watcher = new FileWatcher(this.file, pollInterval, this::reload);
    watcher.start();
  }

  public Path file() {
    return file;
  }

  @Override
  public DesiredState snapshot() {
    return keeper.snapshot();
  }

  @Override
  public Optional<StoreProblem> problem() {
    return keeper.problem();
  }

  @Override
  public boolean createdFresh() {
    return createdFresh;
  }

  @Override
  public void watch(StoreListener listener) {
    keeper.watch(listener);
  }

  @Override
  public void close() {
    watcher.close();
  }

  /** Reads the file again now (the watcher does this on its own; tests and writes call it). */
  void reload() {
    keeper.locked(
        () -> {
          refresh();
          return null;
        });
  }

  @Override
  protected DesiredState write(
      Optional<String> expectedVersion,
      UnaryOperator<SortedMap<SaleId, DesiredSale>> edit) {
    return keeper.locked(
        () -> {
          refresh(); // a hand edit not yet seen by the watcher must make a stale write fail
          return keeper.write(expectedVersion, edit, this::persist);
        });
  }

  private void persist(byte[] bytes) {
    try {
      writer.write(file, bytes);
    } catch (IOException e) {
      throw new StoreUnavailableException(
          "cannot write the desired-state file " + file + ": " + FileObservation.reason(e)
              + "; the previous file is unchanged",
          e);
    }
    lastSeen = signature(bytes);
  }

  /** Looks at the file and brings the state in force in line with it. Caller holds the lock. */
  private void refresh() {
    FileObservation seen = FileObservation.look(file, MAX_BYTES);
    if (seen.signature().equals(lastSeen)) {
      return;
    }
    lastSeen = seen.signature();
    if (seen.missing()) {
      if (createdFresh && !keeper.loaded()) {
        keeper.clearProblem(); // still the first start: nothing to keep, nothing lost
      } else {
        DesiredState current = keeper.snapshot();
        keeper.report(file + " is missing; the last good desired state (version "
            + current.version() + ", " + current.sales().size()
            + " sales) stays in force until the file is restored");
      }
      return;
    }
    if (seen.fault() != null) {
      keeper.report(seen.fault() + "; the last good desired state stays in force");
      return;
    }
    byte[] inForce = keeper.read(seen.bytes(), file.toString(), this::writeBack);
    if (inForce != null) {
      lastSeen = signature(inForce);
    }
  }

  /**
   * Writes back generations a hand edit did not raise, so that they survive a restart; only when
   * the file still holds the bytes that were read. Returns the bytes now in the file.
   */
  private byte[] writeBack(byte[] read, byte[] canonical) {
    FileObservation now = FileObservation.look(file, MAX_BYTES);
    if (now.bytes() == null || !Arrays.equals(now.bytes(), read)) {
      return read; // edited again meanwhile: the next look settles that version
    }
    try {
      writer.write(file, canonical);
      log.info("wrote generations back to {} after a hand edit", file);
      return canonical;
    } catch (IOException e) {
      log.warn("cannot write generations back to {} ({}); they hold until a restart",
          file, FileObservation.reason(e));
      return read;
    }
  }

  private static String signature(byte[] bytes) {
    return "bytes:" + DesiredStateCodec.version(bytes);
  }
}
