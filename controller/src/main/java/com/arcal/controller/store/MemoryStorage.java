package com.arcal.controller.store;

import java.util.Arrays;

/**
 * The document in memory, for the test fake: no I/O, plus what tests play on it (an operator's
 * edit, a broken document, a failing disk). A played change is read at once: it calls the
 * store's watch on the calling thread, so the test sees its effect when the call returns.
 *
 * <p>Synchronized: the store calls it under its lock, tests from their own threads.
 */
final class MemoryStorage implements DocumentStorage {
  private final boolean createdFresh;
  private Runnable onChange = () -> {};
  /** The document; null until the first write or edit. */
  private byte[] bytes;
  /** Why the document cannot be read, while a test plays a broken one. */
  private String fault;
  /** True when a test played a change the store has not read yet. */
  private boolean edited;
  private String writeFailure;

  MemoryStorage(boolean createdFresh) {
    this.createdFresh = createdFresh;
  }

  @Override
  public String kind() {
    return "document";
  }

  @Override
  public String where() {
    return "the in-memory desired state";
  }

  @Override
  public boolean createdFresh() {
    return createdFresh;
  }

  @Override
  public synchronized Read readIfChanged() {
    if (!edited) {
      return Read.of(Outcome.UNCHANGED);
    }
    edited = false;
    if (fault != null) {
      return Read.fault(fault);
    }
    return bytes == null ? Read.of(Outcome.NOT_CREATED) : Read.changed(bytes);
  }

  @Override
  public synchronized void write(byte[] document) {
    if (writeFailure != null) {
      throw new StoreUnavailableException(
          "cannot write the desired state: " + writeFailure + "; the previous state is unchanged",
          null);
    }
    bytes = document;
  }

  @Override
  public synchronized boolean writeBack(byte[] read, byte[] canonical) {
    if (writeFailure != null || !Arrays.equals(bytes, read)) {
      return false;
    }
    bytes = canonical;
    return true;
  }

  @Override
  public synchronized void watch(Runnable onChange) {
    this.onChange = onChange;
  }

  @Override
  public void close() {
    // Nothing to release.
  }

  /** Plays an operator saving {@code document} (which also fixes a broken one). */
  void edit(byte[] document) {
    played(document, null);
  }

  /** Plays a broken document: it cannot be read, for {@code reason}, until edited or fixed. */
  void breakDocument(String reason) {
    played(null, reason);
  }

  /** Plays fixing a broken document back to the one last written. */
  void fix() {
    played(null, null);
  }

  synchronized void failWrites(String reason) {
    writeFailure = reason;
  }

  private void played(byte[] document, String reason) {
    Runnable tell;
    synchronized (this) {
      if (document != null) {
        bytes = document;
      }
      fault = reason;
      edited = true;
      tell = onChange;
    }
    tell.run(); // outside our monitor: the store takes its own lock first
  }
}
