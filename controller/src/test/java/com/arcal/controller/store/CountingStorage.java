package com.arcal.controller.store;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Any storage (memory, file, blob), with its writes counted, and the next one held at a gate
 * when a test asks: while one flush is held, the writes that arrive queue behind it and form the
 * next batch, so a test builds exactly the batch it means, without timing.
 */
final class CountingStorage implements DocumentStorage {
  private final DocumentStorage inner;
  private final AtomicInteger writes = new AtomicInteger();
  private volatile Hold hold;
  private volatile String failure;

  /** One write held: {@link #awaitHeld} until it is at the gate, {@link #release} to let it on. */
  static final class Hold {
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    void awaitHeld() throws InterruptedException {
      if (!held.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("no write reached the gate");
      }
    }

    void release() {
      released.countDown();
    }

    private void pass() {
      held.countDown();
      try {
        if (!released.await(30, TimeUnit.SECONDS)) {
          throw new AssertionError("the held write was never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted at the gate", e);
      }
    }
  }

  CountingStorage(DocumentStorage inner) {
    this.inner = inner;
  }

  /** Storage writes asked for so far (write-backs of hand edits not included). */
  int writes() {
    return writes.get();
  }

  /** Holds the next write at the gate, before it reaches storage. */
  Hold holdNextWrite() {
    Hold next = new Hold();
    hold = next;
    return next;
  }

  /**
   * Every write that arrives from now fails as a full disk would, nothing written, until healed
   * (a write already held at the gate goes through).
   */
  void failWrites(String reason) {
    failure = reason;
  }

  void healWrites() {
    failure = null;
  }

  @Override
  public void write(byte[] document) {
    writes.incrementAndGet();
    String reason = failure; // read before the gate: a write held already is not failed
    Hold gate = hold;
    if (gate != null) {
      hold = null;
      gate.pass();
    }
    if (reason != null) {
      throw new StoreUnavailableException("cannot write: " + reason, null);
    }
    inner.write(document);
  }

  @Override
  public String kind() {
    return inner.kind();
  }

  @Override
  public String where() {
    return inner.where();
  }

  @Override
  public boolean createdFresh() {
    return inner.createdFresh();
  }

  @Override
  public Read readIfChanged() {
    return inner.readIfChanged();
  }

  @Override
  public boolean writeBack(byte[] read, byte[] canonical) {
    return inner.writeBack(read, canonical);
  }

  @Override
  public void watch(Runnable onChange) {
    inner.watch(onChange);
  }

  @Override
  public void close() {
    inner.close();
  }
}
