package com.arcal.controller.store;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that calls {@code onChange} soon after the file may have changed: at once on
 * a file-system event for its folder (WatchService), and at least every poll interval anyway,
 * because watch events are lost on some file systems (network shares, some container mounts)
 * and when the folder itself is replaced. {@code onChange} must be cheap when nothing changed.
 */
final class FileWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FileWatcher.class);
  /** Events keep coming while an editor writes; wait for this much quiet before reading. */
  private static final long SETTLE_MILLIS = 50;

  private final Path dir;
  private final Duration pollInterval;
  private final Runnable onChange;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread thread;
  private WatchService watchService; // null when the platform has none: polling only
  private WatchKey key; // null while the folder is not watched (e.g. does not exist yet)

  FileWatcher(Path file, Duration pollInterval, Runnable onChange) {
    this.dir = file.toAbsolutePath().getParent();
    this.pollInterval = pollInterval;
    this.onChange = onChange;
    try {
      this.watchService = FileSystems.getDefault().newWatchService();
    } catch (IOException | UnsupportedOperationException e) {
      log.warn("no file watch available ({}); polling {} every {}", e, file, pollInterval);
    }
    this.thread =
        new ThreadFactoryBuilder()
            .setDaemon(true)
            .setNameFormat("desired-state-watch")
            .build()
            .newThread(this::run);
  }

  void start() {
    thread.start();
  }

  private void run() {
    while (stopped.getCount() > 0) {
      try {
        register();
        awaitChange();
        onChange.run();
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return;
      } catch (RuntimeException | Error e) {
        // The watch must survive anything a reload throws, or hand edits stop being seen.
        log.error("reloading desired state failed; will retry", e);
      }
    }
  }

  private void register() {
    if (watchService == null || (key != null && key.isValid())) {
      return;
    }
    try {
      key =
          dir.register(
              watchService,
              StandardWatchEventKinds.ENTRY_CREATE,
              StandardWatchEventKinds.ENTRY_MODIFY,
              StandardWatchEventKinds.ENTRY_DELETE,
              StandardWatchEventKinds.OVERFLOW);
    } catch (IOException e) {
      key = null; // folder missing or unwatchable: polling covers it, retry next round
    }
  }

  /** Returns after an event (once things have settled) or after the poll interval. */
  private void awaitChange() throws InterruptedException {
    if (watchService == null || key == null) {
      stopped.await(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
      return;
    }
    WatchKey signalled = watchService.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    // Bounded, so that a folder that never stops changing still gets its file re-read.
    long settleDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10 * SETTLE_MILLIS);
    while (signalled != null) {
      signalled.pollEvents();
      if (!signalled.reset()) {
        key = null;
      }
      if (System.nanoTime() >= settleDeadline) {
        return;
      }
      signalled = watchService.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    stopped.countDown();
    if (watchService != null) {
      try {
        watchService.close();
      } catch (IOException e) {
        log.debug("closing the watch service: {}", e.toString());
      }
    }
    if (Thread.currentThread() == thread) {
      return; // closed from a listener: the loop ends on its own
    }
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
