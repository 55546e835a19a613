package com.arcal.controller.store;

import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.locks.ReentrantLock;
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
public final class FileDesiredStateStore implements DesiredStateStore {
  private static final Logger log = LoggerFactory.getLogger(FileDesiredStateStore.class);
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
  static final long MAX_BYTES = 16L * 1024 * 1024;

  private final Path file;
  private final AppNaming naming;
  private final DesiredStateCodec codec;
  private final AtomicFileWriter writer;
  private final ChangeNotifier notifier = new ChangeNotifier();
  private final FileWatcher watcher;
  private final boolean createdFresh;
  /** Guards every transition of the fields below and every write of the file. */
  private final ReentrantLock lock = new ReentrantLock();

  private final ProblemTracker problems;
  private volatile DesiredState current = DesiredState.empty(DesiredStateCodec.EMPTY_VERSION);
  /** True once a document from the file (or one we wrote) has been in force. */
  private boolean loaded;
  /** Signature of the last look at the file: an identical look changes nothing. */
  private String lastSeen = "";

  public FileDesiredStateStore(Path file, AppNaming naming, Clock clock, Duration pollInterval) {
    this(file, naming, clock, pollInterval, new AtomicFileWriter());
  }

  FileDesiredStateStore(
      Path file, AppNaming naming, Clock clock, Duration pollInterval, AtomicFileWriter writer) {
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("poll interval must be positive: " + pollInterval);
    }
    this.file = file.toAbsolutePath().normalize();
    this.naming = naming;
    this.codec = new DesiredStateCodec(naming);
    this.problems = new ProblemTracker(clock);
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
    return current;
  }

  @Override
  public Optional<StoreProblem> problem() {
    return problems.current();
  }

  @Override
  public boolean createdFresh() {
    return createdFresh;
  }

  @Override
  public DesiredState put(SaleId id, SaleSpec spec, Optional<String> expectedVersion) {
    naming.appName(id);
    return write(expectedVersion, sales -> Generations.put(sales, id, spec));
  }

  @Override
  public DesiredState delete(SaleId id, Optional<String> expectedVersion) {
    return write(expectedVersion, sales -> Generations.delete(sales, id));
  }

  @Override
  public DesiredState replace(Map<SaleId, SaleSpec> sales, String expectedVersion) {
    sales.keySet().forEach(naming::appName);
    return write(Optional.of(expectedVersion), inForce -> Generations.replace(inForce, sales));
  }

  @Override
  public void watch(StoreListener listener) {
    notifier.add(listener);
  }

  @Override
  public void close() {
    watcher.close();
  }

  /** Reads the file again now (the watcher does this on its own; tests and writes call it). */
  void reload() {
    lock.lock();
    try {
      refresh();
    } finally {
      lock.unlock();
      notifier.deliver();
    }
  }

  private DesiredState write(
      Optional<String> expectedVersion,
      UnaryOperator<SortedMap<SaleId, DesiredSale>> edit) {
    lock.lock();
    try {
      refresh(); // a hand edit not yet seen by the watcher must make a stale write fail
      problems.requireNone();
      DesiredState before = current;
      expectedVersion.ifPresent(
          expected -> {
            if (!expected.equals(before.version())) {
              throw new StaleVersionException(expected, before.version());
            }
          });
      SortedMap<SaleId, DesiredSale> after = edit.apply(before.sales());
      if (after.equals(before.sales())) {
        return before;
      }
      byte[] bytes = codec.encode(after.values());
      try {
        writer.write(file, bytes);
      } catch (IOException e) {
        throw new StoreUnavailableException(
            "cannot write the desired-state file " + file + ": " + FileObservation.reason(e)
                + "; the previous file is unchanged",
            e);
      }
      settled(bytes, new DesiredState(DesiredStateCodec.version(bytes), after));
      return current;
    } finally {
      lock.unlock();
      notifier.deliver();
    }
  }

  /** Looks at the file and brings the state in force in line with it. Caller holds the lock. */
  private void refresh() {
    FileObservation seen = FileObservation.look(file, MAX_BYTES);
    if (seen.signature().equals(lastSeen)) {
      return;
    }
    lastSeen = seen.signature();
    if (seen.missing()) {
      if (createdFresh && !loaded) {
        clearProblem(); // still the first start: nothing to keep, nothing lost
      } else {
        report(file + " is missing; the last good desired state (version " + current.version()
            + ", " + current.sales().size() + " sales) stays in force until the file is restored");
      }
      return;
    }
    if (seen.fault() != null) {
      report(seen.fault() + "; the last good desired state stays in force");
      return;
    }
    SortedMap<SaleId, DocumentEntry> document;
    try {
      document = codec.decode(seen.bytes());
    } catch (InvalidDocumentException e) {
      report(file + ": " + e.getMessage() + "; the last good desired state stays in force");
      return;
    }
    Generations.Settled settled = Generations.settle(current.sales(), document);
    byte[] inForce = seen.bytes();
    if (settled.writeBack()) {
      inForce = writeBack(seen.bytes(), settled.sales());
    }
    settled(inForce, new DesiredState(DesiredStateCodec.version(inForce), settled.sales()));
  }

  /**
   * Writes back generations a hand edit did not raise, so that they survive a restart; only when
   * the file still holds the bytes that were read. Returns the bytes now in the file.
   */
  private byte[] writeBack(byte[] read, SortedMap<SaleId, DesiredSale> sales) {
    FileObservation now = FileObservation.look(file, MAX_BYTES);
    if (now.bytes() == null || !Arrays.equals(now.bytes(), read)) {
      return read; // edited again meanwhile: the next look settles that version
    }
    byte[] bytes = codec.encode(sales.values());
    try {
      writer.write(file, bytes);
      log.info("wrote generations back to {} after a hand edit", file);
      return bytes;
    } catch (IOException e) {
      log.warn("cannot write generations back to {} ({}); they hold until a restart",
          file, FileObservation.reason(e));
      return read;
    }
  }

  private void settled(byte[] bytes, DesiredState next) {
    lastSeen = "bytes:" + DesiredStateCodec.version(bytes);
    loaded = true;
    clearProblem();
    DesiredState before = current;
    if (!before.equals(next)) {
      current = next;
      notifier.enqueue(before, next);
    }
  }

  private void report(String message) {
    problems.report(message);
  }

  private void clearProblem() {
    problems.clear("desired-state file " + file);
  }
}
