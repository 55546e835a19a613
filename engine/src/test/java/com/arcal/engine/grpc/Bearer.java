package com.arcal.engine.grpc;

import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;

/** Test callers' side of {@link TokenCheck}: a stub that presents a bearer token. */
public final class Bearer {
  /** The token the tests' engines require. */
  public static final String TOKEN = "engine-test-token-0123456789abcdef";

  private Bearer() {}

  public static <S extends AbstractStub<S>> S presenting(S stub, String token) {
    Metadata headers = new Metadata();
    headers.put(TokenCheck.AUTHORIZATION, TokenCheck.BEARER + token);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  public static <S extends AbstractStub<S>> S presenting(S stub) {
    return presenting(stub, TOKEN);
  }
}
