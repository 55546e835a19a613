package com.arcal.controller.store;

import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one write path of the desired state, over a {@link DocumentStorage} that only keeps bytes.
 * A document read from storage is applied only when it parses and validates (generations settled
 * by {@link Generations}, written back when the rules raised one); otherwise the last good state
 * stays in force, the problem is reported, and writes are refused: a write would discard an
 * operator's unfinished edit or resurrect a document deleted on purpose.
 *
 * <p>Writes are group-committed ({@link GroupCommit}): the writes that arrive while a document is
 * being flushed are applied together, in arrival order ({@link WriteBatch}), and flushed as one
 * document, one storage write (one fsync, one upload) for all of them. Each batch first reads
 * storage (an edit the watch has not seen yet must make a stale write fail), checks each write's
 * expected version (the hash of the document's bytes, the same in every storage) against the
 * state the earlier writes of the batch left, and is retried on the fresh document when it loses
 * a race. Every caller is answered after the flush that holds its change; a failed flush fails
 * the whole batch and leaves the state in force untouched. Listeners hear once per batch, after
 * the flush and outside the lock.
 *
 * <p>Sealed: the named stores only choose a storage and expose what it offers.
 */
public sealed class DocumentStore implements DesiredStateStore
    permits FileDesiredStateStore, BlobDesiredStateStore, InMemoryDesiredStateStore {
  private static final Logger log = LoggerFactory.getLogger(DocumentStore.class);
  private static final String KEPT = "; the last good desired state stays in force";
  /**
   * Attempts of a batch racing other writers (replicas, operators) before it gives up (503,
   * retryable). Each lost race means another write won; with k writers a write wins a round with
   * probability about 1/k, so the bound is generous: (7/8)^64 is below 1e-3.
   */
  static final int WRITE_ATTEMPTS = 64;

  private final DocumentStorage storage;
  private final AppNaming naming;
  private final DesiredStateCodec codec;
  private final ProblemTracker problems;
  private final ChangeNotifier notifier = new ChangeNotifier();
  private final GroupCommit<PendingWrite> writes = new GroupCommit<>(this::commit);
  /** Guards every transition of the fields below and every call to the storage. */
  private final ReentrantLock lock = new ReentrantLock();

  private volatile DesiredState current = DesiredState.empty(DesiredStateCodec.EMPTY_VERSION);
  /** True once a document from storage (or one we wrote) has been in force. */
  private boolean loaded;

  /** Reads the document once, then follows the storage's changes until closed. */
  DocumentStore(DocumentStorage storage, AppNaming naming, Clock clock) {
    this.storage = storage;
    this.naming = naming;
    this.codec = new DesiredStateCodec(naming);
    this.problems = new ProblemTracker(clock, storage.kind());
    reload();
    storage.watch(this::reload);
  }

  @Override
  public final DesiredState snapshot() {
    return current;
  }

  @Override
  public final Optional<StoreProblem> problem() {
    return problems.current();
  }

  @Override
  public final boolean createdFresh() {
    return storage.createdFresh();
  }

  @Override
  public final void watch(StoreListener listener) {
    notifier.add(listener);
  }

  @Override
  public final void close() {
    storage.close();
  }

  @Override
  public final Written put(SaleId id, SaleSpec spec, Optional<String> expectedVersion) {
    naming.requireValid(id);
    return write(expectedVersion, sales -> Generations.put(sales, id, spec));
  }

  @Override
  public final DesiredState delete(SaleId id, Optional<String> expectedVersion) {
    return write(expectedVersion, sales -> Generations.delete(sales, id)).state();
  }

  @Override
  public final DesiredState replace(Map<SaleId, SaleSpec> sales, String expectedVersion) {
    sales.keySet().forEach(naming::requireValid);
    return write(Optional.of(expectedVersion), now -> Generations.replace(now, sales)).state();
  }

  /** Reads the document again now if it changed (the storage's watch does this on its own). */
  final void reload() {
    lock.lock();
    try {
      refresh();
    } finally {
      lock.unlock();
      notifier.deliver();
    }
  }

  /** Writers queued now, the batch being flushed included (tests build batches with it). */
  final int queuedWrites() {
    return writes.queued();
  }

  /**
   * Waits for the flush that holds this write, then delivers the changes to listeners (unless
   * another thread is delivering them already, as before group commit).
   */
  private Written write(
      Optional<String> expectedVersion, UnaryOperator<SortedMap<SaleId, DesiredSale>> edit) {
    PendingWrite write = new PendingWrite(expectedVersion, edit);
    try {
      writes.submit(write);
    } finally {
      notifier.deliver();
    }
    return write.outcome();
  }

  /** Commits one batch with one storage write, and answers each of its writes. */
  private void commit(List<PendingWrite> batch) {
    lock.lock();
    try {
      for (int attempt = 1; ; attempt++) {
        refresh();
        try {
          commitOnce(batch);
          return;
        } catch (DocumentStorage.Conflict e) {
          if (attempt == WRITE_ATTEMPTS) {
            throw new StoreUnavailableException(
                "the " + name() + " changed " + attempt
                    + " times while this write was retried; nothing was written, try again",
                null);
          }
          log.debug("{} changed under a write (attempt {}); retrying", name(), attempt);
        }
      }
    } catch (RuntimeException e) {
      // Nothing was written (or nothing was answered yet): every write of the batch fails alike,
      // since each was judged against changes that are not in force.
      batch.forEach(w -> w.fail(e));
    } finally {
      lock.unlock();
    }
  }

  /** Refused while there is a problem; nothing written when the writes change nothing. */
  private void commitOnce(List<PendingWrite> batch) {
    problems.requireNone();
    DesiredState before = current;
    WriteBatch applied = WriteBatch.apply(before, codec, batch);
    if (applied.changed()) {
      byte[] bytes = applied.document();
      storage.write(bytes);
      settled(bytes, applied.sales());
    }
    applied.answer(current);
  }

  /** Brings the state in force in line with storage. Caller holds the lock. */
  private void refresh() {
    DocumentStorage.Read read = storage.readIfChanged();
    switch (read.outcome()) {
      case UNCHANGED -> {}
      case CHANGED -> apply(read.bytes());
      case NOT_CREATED -> {
        if (loaded) {
          reportMissing();
        } else {
          problems.clear(name()); // still the first start: nothing to keep, nothing lost
        }
      }
      case MISSING -> reportMissing();
      case FAULT -> problems.report(read.fault() + KEPT);
    }
  }

  /** Applies a document read from storage, unless it is invalid: then it reports why. */
  private void apply(byte[] bytes) {
    SortedMap<SaleId, DocumentEntry> document;
    try {
      document = codec.decode(bytes);
    } catch (InvalidDocumentException e) {
      problems.report(storage.where() + ": " + e.getMessage() + KEPT);
      return;
    }
    Generations.Settled settled = Generations.settle(current.sales(), document);
    byte[] inForce = bytes;
    if (settled.writeBack()) {
      byte[] canonical = codec.encode(settled.sales().values());
      if (storage.writeBack(bytes, canonical)) {
        inForce = canonical;
      }
    }
    settled(inForce, settled.sales());
  }

  private void reportMissing() {
    DesiredState kept = current;
    problems.report(storage.where() + " is missing; the last good desired state (version "
        + kept.version() + ", " + kept.sales().size() + " sales) stays in force until the "
        + storage.kind() + " is restored");
  }

  /** Puts in force the sales of the document now in storage. */
  private void settled(byte[] bytes, SortedMap<SaleId, DesiredSale> sales) {
    loaded = true;
    problems.clear(name());
    DesiredState before = current;
    DesiredState next = new DesiredState(DesiredStateCodec.version(bytes), sales);
    if (!before.equals(next)) {
      current = next;
      notifier.enqueue(before, next);
    }
  }

  /** The document in logs: "desired-state file /x", "desired-state blob https://...". */
  private String name() {
    return "desired-state " + storage.kind() + " " + storage.where();
  }
}
