package com.arcal.controller.store;

import com.arcal.controller.blob.BlobConnection;
import com.arcal.controller.sale.AppNaming;
import com.azure.storage.blob.BlobClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Desired state in one blob of Azure Blob Storage, shared by every replica of the orchestrator
 * and editable by hand (download, edit, upload): a {@link DocumentStore} over a {@link
 * BlobStorage}. Same format, validation, generation rules, versions and listener semantics as
 * {@link FileDesiredStateStore}; see docs/high-availability.md.
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
public final class BlobDesiredStateStore extends DocumentStore {
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);

  private final String url;

  /**
   * Opens the store: reads the blob, creating its container and an empty document when missing.
   *
   * @throws StoreUnavailableException when storage cannot be reached at all (wrong URL,
   *     credentials, network): without a first answer the store cannot tell a first start
   */
  public BlobDesiredStateStore(
      BlobClient client, AppNaming naming, Clock clock, Duration pollInterval) {
    super(
        new BlobStorage(client, pollInterval, new DesiredStateCodec(naming).encode(List.of())),
        naming,
        clock);
    this.url = client.getBlobUrl();
  }

  /** The store of the blob at {@code blobUrl}, with the SDK bounds used in production. */
  public static BlobDesiredStateStore open(
      BlobConnection connection, String blobUrl, AppNaming naming, Clock clock, Duration poll) {
    return new BlobDesiredStateStore(
        connection.blob(blobUrl, Duration.ofSeconds(10), 3), naming, clock, poll);
  }

  public String url() {
    return url;
  }
}
