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
import java.util.Objects;

/**
 * The desired-state blob as the store sees it: conditional reads and writes keyed on the ETag
 * of the last version read or written. Not thread-safe: the store calls it under its lock.
 */
final class StateBlob {
  /** A conditional write found the blob changed (412) or already created (409): nothing written. */
  static final class ConcurrentUpdate extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConcurrentUpdate() {
      super("the blob changed since it was read", null, false, false);
    }
  }

  enum Outcome { UNCHANGED, CHANGED, MISSING, FAULT }

  /** One look at the blob: new bytes, nothing new, no blob, or why it cannot be read. */
  record Read(Outcome outcome, byte[] bytes, String fault) {
    Read {
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  private final BlobClient client;
  private final long maxBytes;
  /** ETag of the version last read or written; null when none is known (missing, unreadable). */
  private String etag;

  StateBlob(BlobClient client, long maxBytes) {
    this.client = client;
    this.maxBytes = maxBytes;
  }

  String url() {
    return client.getBlobUrl();
  }

  /**
   * Creates the container and the blob (holding {@code empty}) when the blob does not exist.
   * Returns true when it did not; another replica creating it at the same time is fine.
   */
  boolean createIfMissing(byte[] empty) {
    try {
      client.getProperties();
      return false;
    } catch (BlobStorageException e) {
      if (e.getStatusCode() != 404) {
        throw unavailable("cannot read " + url() + ": " + reason(e), e);
      }
    } catch (RuntimeException e) {
      throw unavailable("cannot reach " + url() + ": " + reason(e), e);
    }
    try {
      client.getContainerClient().createIfNotExists();
      etag = null;
      upload(empty);
    } catch (ConcurrentUpdate e) {
      // Created by another replica meanwhile: fine.
    }
    etag = null; // the first read applies whatever the blob holds now, ours or not
    return true;
  }

  /** Reads the blob unless it still has the ETag last seen ({@code If-None-Match}: 304). */
  Read readIfChanged() {
    try {
      var response =
          client.downloadContentWithResponse(
              null, new BlobRequestConditions().setIfNoneMatch(etag), null, Context.NONE);
      byte[] bytes = response.getValue().toBytes();
      etag = response.getDeserializedHeaders().getETag();
      if (bytes.length > maxBytes) {
        return new Read(Outcome.FAULT, null,
            url() + " is " + bytes.length + " bytes; the limit is " + maxBytes);
      }
      return new Read(Outcome.CHANGED, bytes, null);
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == 304) {
        return new Read(Outcome.UNCHANGED, null, null);
      }
      etag = null; // read it in full once it is back
      if (e.getStatusCode() == 404) {
        return new Read(Outcome.MISSING, null, null);
      }
      return new Read(Outcome.FAULT, null, "cannot read " + url() + ": " + reason(e));
    } catch (RuntimeException e) {
      etag = null;
      return new Read(Outcome.FAULT, null, "cannot reach " + url() + ": " + reason(e));
    }
  }

  /**
   * Uploads a new version over the one last read ({@code If-Match}), or creates the blob
   * ({@code If-None-Match: *}) when no version is known.
   *
   * @throws ConcurrentUpdate when the blob changed since; nothing was written
   * @throws StoreUnavailableException when storage refused or did not answer
   */
  void upload(byte[] bytes) {
    BlobRequestConditions conditions =
        etag == null
            ? new BlobRequestConditions().setIfNoneMatch("*")
            : new BlobRequestConditions().setIfMatch(etag);
    try {
      BlockBlobItem written =
          client.getBlockBlobClient()
              .uploadWithResponse(
                  new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(bytes))
                      .setHeaders(new BlobHttpHeaders().setContentType("application/json"))
                      .setRequestConditions(conditions),
                  null,
                  Context.NONE)
              .getValue();
      etag = written.getETag();
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == 412 || BlobErrorCode.BLOB_ALREADY_EXISTS.equals(e.getErrorCode())) {
        throw new ConcurrentUpdate();
      }
      throw notWritten(e);
    } catch (RuntimeException e) {
      throw notWritten(e);
    }
  }

  private StoreUnavailableException notWritten(RuntimeException e) {
    return unavailable(
        "cannot write the desired-state blob " + url() + ": " + reason(e)
            + "; the previous document is unchanged",
        e);
  }

  private static StoreUnavailableException unavailable(String message, RuntimeException e) {
    return new StoreUnavailableException(message, e);
  }

  /** A short reason: the storage error code, or the root cause of a network failure. */
  static String reason(RuntimeException e) {
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
