package com.arcal.cli.api;

/**
 * The desired-state document as the server returns it, with its entity tag (quoted, as in the
 * {@code ETag} header).
 */
public record Document(byte[] bytes, String etag) {
  public Document {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The version without the quotes of the entity tag, as people read it. */
  public String version() {
    return ETag.version(etag);
  }
}
