package com.arcal.controller.store;

import com.arcal.controller.sale.InvalidSpecException;

/**
 * A desired-state document that does not parse or does not validate. The message says where
 * (line/column and/or field path such as {@code sales.vente-01.config.x}) and what is wrong.
 */
public class InvalidDocumentException extends InvalidSpecException {
  private static final long serialVersionUID = 1L;

  public InvalidDocumentException(String path, String message) {
    super(path, message);
  }
}
