package com.arcal.cli.api;

import java.util.Optional;

/** A raw answer: status, body bytes, and the entity tag when there is one. */
public record ApiResponse(int status, byte[] body, Optional<String> etag) {
  public ApiResponse {
    body = body == null ? new byte[0] : body;
    etag = etag == null ? Optional.empty() : etag;
  }

  public boolean ok() {
    return status >= 200 && status < 300;
  }
}
