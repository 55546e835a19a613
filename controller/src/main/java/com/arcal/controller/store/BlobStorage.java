package com.arcal.controller.store;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.BlockBlobItem;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The document as one blob, shared by replicas: reads and writes are conditional on the ETag of
 * the version last read or written ({@code If-None-Match} for reads, so an unchanged blob costs a
 * 304; {@code If-Match}, or {@code If-None-Match: *} when creating it, for writes). Changes are
 * seen by polling.
 */
final class BlobStorage implements DocumentStorage {
  private static final Logger log = LoggerFactory.getLogger(BlobStorage.class);

  private final BlobClient client;
  private final Duration pollInterval;
  private final boolean createdFresh;
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          new ThreadFactoryBuilder().setDaemon(true).setNameFormat("desired-state-poll").build());
  /** ETag of the version last read or written; null when none is known (missing, unreadable). */
  private String etag;

  /** Opens the blob, creating it (holding {@code empty}) with its container when missing. */
  BlobStorage(BlobClient client, Duration pollInterval, byte[] empty) {
    this.pollInterval = DocumentStorage.positive(pollInterval);
    this.client = client;
    this.createdFresh = createIfMissing(empty);
    if (createdFresh) {
      log.info("created the desired-state blob {} (no sales)", where());
    }
  }

  @Override
  public String kind() {
    return "blob";
  }

  @Override
  public String where() {
    return client.getBlobUrl();
  }

  @Override
  public boolean createdFresh() {
    return createdFresh;
  }

  /** Reads the blob unless it still has the ETag last seen ({@code If-None-Match}: 304). */
  @Override
  public Read readIfChanged() {
    try {
      var response =
          client.downloadContentWithResponse(
              null, new BlobRequestConditions().setIfNoneMatch(etag), null, Context.NONE);
      byte[] bytes = response.getValue().toBytes();
      etag = response.getDeserializedHeaders().getETag();
      if (bytes.length > MAX_BYTES) {
        return Read.fault(where() + " is " + bytes.length + " bytes; the limit is " + MAX_BYTES);
      }
      return Read.changed(bytes);
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == 304) {
        return Read.of(Outcome.UNCHANGED);
      }
      etag = null; // read it in full once it is back
      if (e.getStatusCode() == 404) {
        return Read.of(Outcome.MISSING);
      }
      return Read.fault("cannot read " + where() + ": " + reason(e));
    } catch (RuntimeException e) {
      etag = null;
      return Read.fault("cannot reach " + where() + ": " + reason(e));
    }
  }

  /** Uploads over the version last read ({@code If-Match}), or creates the blob when none is. */
  @Override
  public void write(byte[] document) {
    BlobRequestConditions conditions =
        etag == null
            ? new BlobRequestConditions().setIfNoneMatch("*")
            : new BlobRequestConditions().setIfMatch(etag);
    try {
      BlockBlobItem written =
          client.getBlockBlobClient()
              .uploadWithResponse(
                  new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(document))
                      .setHeaders(new BlobHttpHeaders().setContentType("application/json"))
                      .setRequestConditions(conditions),
                  null,
                  Context.NONE)
              .getValue();
      etag = written.getETag();
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == 412 || BlobErrorCode.BLOB_ALREADY_EXISTS.equals(e.getErrorCode())) {
        throw new Conflict();
      }
      throw notWritten(e);
    } catch (RuntimeException e) {
      throw notWritten(e);
    }
  }

  /** The ETag of the upload that was read is the condition: only over that upload. */
  @Override
  public boolean writeBack(byte[] read, byte[] canonical) {
    try {
      write(canonical);
      log.info("wrote generations back to {} after a hand edit", where());
      return true;
    } catch (Conflict e) {
      return false; // uploaded again meanwhile: the next poll settles that version
    } catch (StoreUnavailableException e) {
      log.warn("cannot write generations back to {} ({}); they hold until a restart",
          where(), e.getMessage());
      return false;
    }
  }

  @Override
  public void watch(Runnable onChange) {
    long millis = pollInterval.toMillis();
    poller.scheduleWithFixedDelay(() -> poll(onChange), millis, millis, TimeUnit.MILLISECONDS);
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

  private void poll(Runnable onChange) {
    try {
      onChange.run();
    } catch (RuntimeException e) {
      // The poller must survive anything; the next poll tries again.
      log.error("polling the desired-state blob {} failed", where(), e);
    }
  }

  /**
   * Creates the blob when it does not exist; true when it did not (another replica may race).
   *
   * @throws StoreUnavailableException when storage cannot be reached at all (wrong URL,
   *     credentials, network): without a first answer the store cannot tell a first start
   */
  private boolean createIfMissing(byte[] empty) {
    try {
      client.getProperties();
      return false;
    } catch (BlobStorageException e) {
      if (e.getStatusCode() != 404) {
        throw new StoreUnavailableException("cannot read " + where() + ": " + reason(e), e);
      }
    } catch (RuntimeException e) {
      throw new StoreUnavailableException("cannot reach " + where() + ": " + reason(e), e);
    }
    try {
      client.getContainerClient().createIfNotExists();
      etag = null;
      write(empty);
    } catch (Conflict e) {
      // Created by another replica meanwhile: fine.
    }
    etag = null; // the first read applies whatever the blob holds now, ours or not
    return true;
  }

  private StoreUnavailableException notWritten(RuntimeException e) {
    return new StoreUnavailableException(
        "cannot write the desired-state blob " + where() + ": " + reason(e)
            + "; the previous document is unchanged",
        e);
  }

  /** A short reason: the storage error code, or the root cause of a network failure. */
  private static String reason(RuntimeException e) {
    if (e instanceof BlobStorageException bse) {
      return bse.getStatusCode() + " " + (bse.getErrorCode() == null ? "" : bse.getErrorCode());
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }
}
