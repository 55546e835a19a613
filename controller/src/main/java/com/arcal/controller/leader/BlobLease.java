package com.arcal.controller.leader;

import com.azure.core.http.RequestConditions;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.specialized.BlobLeaseClient;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import java.time.Duration;

/**
 * A lease on a lock blob (an empty blob that nothing else writes). Every instance proposes its
 * own lease id, so acquiring again while the lease is still ours extends it, and a renewal after
 * another replica took the lease fails with 409 instead of stealing it back.
 */
final class BlobLease implements Lease {
  private final BlobClient lockBlob;
  private final BlobLeaseClient lease;

  BlobLease(BlobClient lockBlob, String leaseId) {
    this.lockBlob = lockBlob;
    this.lease = new BlobLeaseClientBuilder().blobClient(lockBlob).leaseId(leaseId).buildClient();
  }

  String url() {
    return lockBlob.getBlobUrl();
  }

  @Override
  public boolean acquire(Duration duration, Duration timeout) {
    try {
      return acquireExisting(duration, timeout); // false: LeaseAlreadyPresent, another leads
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == 404) {
        createLockBlob(timeout); // first replica ever: create it, then try once more
        return acquireExisting(duration, timeout);
      }
      throw e;
    }
  }

  private boolean acquireExisting(Duration duration, Duration timeout) {
    try {
      lease.acquireLeaseWithResponse((int) duration.toSeconds(), null, timeout, Context.NONE);
      return true;
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == 409) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public boolean renew(Duration timeout) {
    try {
      lease.renewLeaseWithResponse((RequestConditions) null, timeout, Context.NONE);
      return true;
    } catch (BlobStorageException e) {
      if (e.getStatusCode() == 409 || e.getStatusCode() == 412) {
        return false; // LeaseIdMismatch / LeaseNotPresent: the lease is someone else's now
      }
      throw e;
    }
  }

  @Override
  public void release(Duration timeout) {
    lease.releaseLeaseWithResponse((RequestConditions) null, timeout, Context.NONE);
  }

  private void createLockBlob(Duration timeout) {
    lockBlob.getContainerClient().createIfNotExists();
    try {
      lockBlob.getBlockBlobClient()
          .uploadWithResponse(
              new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(new byte[0]))
                  .setRequestConditions(new BlobRequestConditions().setIfNoneMatch("*")),
              timeout,
              Context.NONE);
    } catch (BlobStorageException e) {
      if (!BlobErrorCode.BLOB_ALREADY_EXISTS.equals(e.getErrorCode()) && e.getStatusCode() != 412) {
        throw e;
      }
    }
  }
}
