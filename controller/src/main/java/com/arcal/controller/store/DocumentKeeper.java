package com.arcal.controller.store;

import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.sale.SaleId;
import java.time.Clock;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What every store backed by one stored document (a file, a blob) does the same way: it keeps
 * the last good document in force, applies a document read from storage only when it parses and
 * validates (with the generation rules), refuses writes while there is a problem, checks the
 * expected version, and tells listeners after the store's lock is released. The store supplies
 * only how bytes are read and written.
 *
 * <p>Every method except {@link #snapshot()} and {@link #problem()} runs inside {@link #locked}.
 */
final class DocumentKeeper {
  /** Writes the canonical bytes of a new document; throws when nothing was written. */
  @FunctionalInterface
  interface Persist {
    void write(byte[] canonical);
  }

  /**
   * Writes back a document whose generations the rules raised, if storage still holds the bytes
   * that were read; returns the bytes now in storage (the read ones when it did not write).
   */
  @FunctionalInterface
  interface WriteBack {
    byte[] write(byte[] read, byte[] canonical);
  }

  private final DesiredStateCodec codec;
  /** Names the document in logs: "desired-state file /x", "desired-state blob https://...". */
  private final String name;
  private final ProblemTracker problems;
  private final ChangeNotifier notifier = new ChangeNotifier();
  /** Guards every transition of the fields below and every write to storage. */
  private final ReentrantLock lock = new ReentrantLock();

  private volatile DesiredState current = DesiredState.empty(DesiredStateCodec.EMPTY_VERSION);
  /** True once a document from storage (or one we wrote) has been in force. */
  private boolean loaded;

  /**
   * @param kind what the operator fixes when the document is broken ("file", "blob")
   * @param name the document in logs
   */
  DocumentKeeper(DesiredStateCodec codec, Clock clock, String kind, String name) {
    this.codec = codec;
    this.name = name;
    this.problems = new ProblemTracker(clock, kind);
  }

  DesiredState snapshot() {
    return current;
  }

  Optional<StoreProblem> problem() {
    return problems.current();
  }

  void watch(StoreListener listener) {
    notifier.add(listener);
  }

  /** Runs {@code action} under the store's lock, then delivers the changes it made. */
  <T> T locked(Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
      notifier.deliver();
    }
  }

  boolean loaded() {
    return loaded;
  }

  /**
   * Applies a document read from storage: decoded, its generations settled (and written back
   * when the rules raised them), then put in force. Returns the bytes now in force, or null when
   * the document is invalid: then nothing is applied and {@code where} is reported.
   */
  byte[] read(byte[] bytes, String where, WriteBack writeBack) {
    SortedMap<SaleId, DocumentEntry> document;
    try {
      document = codec.decode(bytes);
    } catch (InvalidDocumentException e) {
      report(where + ": " + e.getMessage() + "; the last good desired state stays in force");
      return null;
    }
    Generations.Settled settled = Generations.settle(current.sales(), document);
    byte[] inForce = bytes;
    if (settled.writeBack()) {
      inForce = writeBack.write(bytes, codec.encode(settled.sales().values()));
    }
    settled(inForce, settled.sales());
    return inForce;
  }

  /**
   * One conditional write: refused while there is a problem, {@link StaleVersionException} when
   * {@code expectedVersion} is not the version in force, nothing written when the edit changes
   * nothing. The caller has brought the state in force up to date with storage first.
   */
  DesiredState write(
      Optional<String> expectedVersion,
      UnaryOperator<SortedMap<SaleId, DesiredSale>> edit,
      Persist persist) {
    problems.requireNone();
    Optional<SortedMap<SaleId, DesiredSale>> edited =
        EditingStore.edited(current, expectedVersion, edit);
    if (edited.isEmpty()) {
      return current;
    }
    SortedMap<SaleId, DesiredSale> after = edited.get();
    byte[] bytes = codec.encode(after.values());
    persist.write(bytes);
    settled(bytes, after);
    return current;
  }

  void report(String message) {
    problems.report(message);
  }

  void clearProblem() {
    problems.clear(name);
  }

  private void settled(byte[] bytes, SortedMap<SaleId, DesiredSale> sales) {
    loaded = true;
    clearProblem();
    DesiredState before = current;
    DesiredState next = new DesiredState(DesiredStateCodec.version(bytes), sales);
    if (!before.equals(next)) {
      current = next;
      notifier.enqueue(before, next);
    }
  }
}
