package com.arcal.controller.store;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writers of one store, each on its own thread, lined up in a known order: with the flush in
 * progress held at a {@link CountingStorage} gate, the writers {@link #queue}d form the next
 * batch, in the order they were queued.
 */
final class Writers implements AutoCloseable {
  private static final Duration QUEUED = Duration.ofSeconds(10);

  private final DocumentStore store;
  private final ExecutorService threads = Executors.newCachedThreadPool();

  Writers(DocumentStore store) {
    this.store = store;
  }

  /** Starts a write on its own thread. */
  <T> Future<T> start(Callable<T> write) {
    return threads.submit(write);
  }

  /** Starts a write and returns once it waits in the store's queue, behind those before it. */
  <T> Future<T> queue(Callable<T> write) {
    int before = store.queuedWrites();
    Future<T> started = threads.submit(write);
    await("write number " + (before + 1) + " queued").atMost(QUEUED)
        .until(() -> store.queuedWrites() == before + 1 || started.isDone());
    return started;
  }

  /** The write's answer, or the exception it threw (for assertThatThrownBy). */
  static <T> T answer(Future<T> write) throws Exception {
    try {
      return write.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (TimeoutException e) {
      throw new AssertionError("the write was never answered", e);
    }
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
