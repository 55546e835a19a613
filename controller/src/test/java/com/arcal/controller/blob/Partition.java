package com.arcal.controller.blob;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;

/**
 * A network partition between one replica and storage, as a pipeline policy on that replica's
 * clients only: while cut, every request hangs for {@code hang} (as packets into a black hole
 * do) and then fails; {@link #heal()} lets requests through again at once.
 */
public final class Partition implements HttpPipelinePolicy {
  private final Duration hang;
  private volatile CountDownLatch healed = new CountDownLatch(0);

  public Partition(Duration hang) {
    this.hang = hang;
  }

  public void cut() {
    healed = new CountDownLatch(1);
  }

  public void heal() {
    healed.countDown();
  }

  private void passOrFail() {
    CountDownLatch gate = healed;
    try {
      if (gate.await(hang.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new UncheckedIOException(new IOException("partitioned from storage (test)"));
  }

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    return Mono.fromRunnable(this::passOrFail).then(Mono.defer(next::process));
  }

  @Override
  public HttpResponse processSync(
      HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
    passOrFail();
    return next.processSync();
  }
}
