package com.arcal.controller.store;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the bytes of the desired-state document are kept (a file, a blob, memory), and nothing
 * more: {@link DocumentStore} holds every rule (validation, generations, versions, problems,
 * notifications) and calls a storage under its lock, one call at a time, except {@link #watch}
 * and {@link #close}.
 */
interface DocumentStorage extends AutoCloseable {
  /** The largest document read; a bigger one is a fault, not an allocation of its size. */
  long MAX_BYTES = 16L * 1024 * 1024;

  /** A conditional write found the document changed since it was read: nothing was written. */
  final class Conflict extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Conflict() {
      super("the document changed since it was read", null, false, false);
    }
  }

  enum Outcome {
    /** The same document (or the same fault) as at the last read or write. */
    UNCHANGED,
    /** A document the store has not applied yet: {@link Read#bytes()}. */
    CHANGED,
    /** No document, and there was none when the storage was opened: a first start. */
    NOT_CREATED,
    /** No document although there was one: deleted. */
    MISSING,
    /** The document cannot be read: {@link Read#fault()} says why, in plain words. */
    FAULT
  }

  /** One look at the document. */
  record Read(Outcome outcome, byte[] bytes, String fault) {
    public Read {
      Objects.requireNonNull(outcome, "outcome");
    }

    static Read of(Outcome outcome) {
      return new Read(outcome, null, null);
    }

    static Read changed(byte[] bytes) {
      return new Read(Outcome.CHANGED, bytes, null);
    }

    static Read fault(String fault) {
      return new Read(Outcome.FAULT, null, fault);
    }
  }

  /** What the operator fixes when the document is broken, in messages: "file", "blob". */
  String kind();

  /** Where the document is, in messages: a path, a URL. */
  String where();

  /** True when no document existed when the storage was opened (first start). */
  boolean createdFresh();

  /** The document when it changed since the last read or write, or why it cannot be read. */
  Read readIfChanged();

  /**
   * Replaces the document atomically, over the version last read or written (the blob's ETag;
   * the file's bytes, checked just before the rename); readers see the old document or the new
   * one, never a mix. The store calls it once per batch of writes.
   *
   * @throws Conflict when another writer changed the document since; nothing was written
   * @throws StoreUnavailableException when storage refused or did not answer; nothing written
   */
  void write(byte[] document);

  /**
   * Writes {@code canonical} (a document whose generations the rules raised) only if storage
   * still holds {@code read}; returns whether it wrote. Never throws: a document edited again
   * meanwhile is settled by the next read, and a failed write-back only logs, because the
   * generations in force hold anyway until a restart.
   */
  boolean writeBack(byte[] read, byte[] canonical);

  /** Calls {@code onChange} soon after the document may have changed, until {@link #close}. */
  void watch(Runnable onChange);

  @Override
  void close();

  /** The poll interval of a watching storage; a zero or negative one would spin or never run. */
  static Duration positive(Duration pollInterval) {
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("poll interval must be positive: " + pollInterval);
    }
    return pollInterval;
  }
}
