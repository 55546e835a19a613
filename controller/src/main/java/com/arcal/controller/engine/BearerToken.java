package com.arcal.controller.engine;

import com.arcal.controller.secret.Secret;
import io.grpc.CallCredentials;
import io.grpc.Metadata;
import java.util.concurrent.Executor;

/**
 * Call credentials carrying an engine's token as {@code authorization: Bearer <token>}, what the
 * engine's token check reads. Sent on a plaintext channel on purpose: the channel stays inside
 * the Container Apps environment, whose peer-to-peer encryption (turned on by the Bicep) is the
 * transport security; a credential type that insisted on TLS here would refuse to send.
 */
final class BearerToken extends CallCredentials {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final Secret token;

  BearerToken(Secret token) {
    this.token = token;
  }

  @Override
  public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
    Metadata headers = new Metadata();
    headers.put(AUTHORIZATION, "Bearer " + token.reveal());
    applier.apply(headers);
  }

  @Override
  public String toString() {
    return "BearerToken[<secret>]";
  }
}
