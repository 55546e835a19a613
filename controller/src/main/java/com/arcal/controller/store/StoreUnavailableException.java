package com.arcal.controller.store;

import com.arcal.controller.ArcalException;

/**
 * The store could not write (read-only folder, disk full, storage unreachable). The document in
 * force is unchanged and intact.
 */
public class StoreUnavailableException extends ArcalException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, true, cause);
  }
}
