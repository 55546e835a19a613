package com.arcal.controller.store;

import com.arcal.controller.blob.BlobConnection;
import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.sale.SaleId;
import com.azure.storage.blob.BlobClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Desired state in one blob of Azure Blob Storage, shared by every replica of the orchestrator
 * and editable by hand (download, edit, upload). Same format, validation, generation rules,
 * versions and listener semantics as {@link FileDesiredStateStore}; see
 * docs/high-availability.md.
 *
 * <p>Every write is conditional on the blob's ETag as last read ({@code If-Match}; {@code
 * If-None-Match: *} when creating it): a write that loses a race against another replica or an
 * operator reads the blob again and retries its edit on the fresh document, or fails with
 * {@link StaleVersionException} when the caller named a version that is no longer current. No
 * update is ever lost. Changes are seen by polling with {@code If-None-Match} (a 304 costs one
 * small request).
 *
 * <p>The version is the content hash (as for the file), not the blob's ETag: the same sales give
 * the same version in every store and on every replica, and a re-upload of identical bytes does
 * not make clients' versions stale.
 */
public final class BlobDesiredStateStore extends EditingStore {
  private static final Logger log = LoggerFactory.getLogger(BlobDesiredStateStore.class);
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
  /**
   * Attempts of one write racing other writers before it gives up (503, retryable). Each lost
   * race means another write succeeded; with k writers at once a write wins a round with
   * probability about 1/k, so the bound is generous: (7/8)^64 is below 1e-3.
   */
  static final int WRITE_ATTEMPTS = 64;

  private final StateBlob blob;
  private final DocumentKeeper keeper;
  private final boolean createdFresh;
  private final ScheduledExecutorService poller;

  /**
   * Opens the store: reads the blob, creating its container and an empty document when missing.
   *
   * @throws StoreUnavailableException when storage cannot be reached at all (wrong URL,
   *     credentials, network): without a first answer the store cannot tell a first start
   */
  public BlobDesiredStateStore(
      BlobClient client, AppNaming naming, Clock clock, Duration pollInterval) {
    super(naming);
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("poll interval must be positive: " + pollInterval);
    }
    this.blob = new StateBlob(client, FileDesiredStateStore.MAX_BYTES);
    DesiredStateCodec codec = new DesiredStateCodec(naming);
    this.keeper = new DocumentKeeper(codec, clock, "blob", "desired-state blob " + blob.url());
    this.createdFresh = blob.createIfMissing(codec.encode(List.of()));
    if (createdFresh) {
      log.info("created the desired-state blob {} (no sales)", blob.url());
    }
    reload();
    this.poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "desired-state-poll");
              t.setDaemon(true);
              return t;
            });
    poller.scheduleWithFixedDelay(
        this::poll, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The store of the blob at {@code blobUrl}, with the SDK bounds used in production. */
  public static BlobDesiredStateStore open(
      BlobConnection connection, String blobUrl, AppNaming naming, Clock clock, Duration poll) {
    return new BlobDesiredStateStore(
        connection.blob(blobUrl, Duration.ofSeconds(10), 3), naming, clock, poll);
  }

  public String url() {
    return blob.url();
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
    poller.shutdownNow();
    try {
      poller.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads the blob again now if it changed (the poller does this on its own). */
  void reload() {
    keeper.locked(
        () -> {
          refresh();
          return null;
        });
  }

  private void poll() {
    try {
      reload();
    } catch (RuntimeException e) {
      // The poller must survive anything; the next poll tries again.
      log.error("polling the desired-state blob {} failed", blob.url(), e);
    }
  }

  @Override
  protected DesiredState write(
      Optional<String> expectedVersion, UnaryOperator<SortedMap<SaleId, DesiredSale>> edit) {
    return keeper.locked(
        () -> {
          for (int attempt = 1; ; attempt++) {
            refresh(); // an upload not yet polled must make a stale write fail
            try {
              return keeper.write(expectedVersion, edit, blob::upload);
            } catch (StateBlob.ConcurrentUpdate e) {
              if (attempt == WRITE_ATTEMPTS) {
                throw new StoreUnavailableException(
                    "the desired-state blob " + blob.url() + " changed " + attempt
                        + " times while this write was retried; nothing was written, try again",
                    null);
              }
              log.debug("desired-state blob changed under a write (attempt {}); retrying", attempt);
            }
          }
        });
  }

  /** Brings the state in force in line with the blob. Caller holds the lock. */
  private void refresh() {
    StateBlob.Read read = blob.readIfChanged();
    switch (read.outcome()) {
      case UNCHANGED -> {}
      case MISSING -> {
        DesiredState current = keeper.snapshot();
        keeper.report(blob.url() + " is missing; the last good desired state (version "
            + current.version() + ", " + current.sales().size()
            + " sales) stays in force until the blob is restored");
      }
      case FAULT -> keeper.report(read.fault() + "; the last good desired state stays in force");
      case CHANGED -> keeper.read(read.bytes(), blob.url(), this::writeBack);
    }
  }

  /** Writes back generations a hand edit did not raise, only over the upload that was read. */
  private byte[] writeBack(byte[] read, byte[] canonical) {
    try {
      blob.upload(canonical);
      log.info("wrote generations back to {} after a hand edit", blob.url());
      return canonical;
    } catch (StateBlob.ConcurrentUpdate e) {
      return read; // uploaded again meanwhile: the next poll settles that version
    } catch (StoreUnavailableException e) {
      log.warn("cannot write generations back to {} ({}); they hold until a restart",
          blob.url(), e.getMessage());
      return read;
    }
  }
}
