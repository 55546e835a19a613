package com.arcal.controller.engine;

import io.grpc.Channel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One engine's {@code grpc.health.v1.Health/Watch}, kept open across the streams that carry it.
 *
 * <p>A stream the server ends cleanly (status OK, no NOT_SERVING first) says nothing about the
 * engine: proxies and servers end long quiet streams (a maximum stream age, an idle limit, a
 * connection drained). Such a stream is reopened at once, so a quiet sale is never reported
 * unhealthy for being quiet. What is reported ({@code false}) is a status other than SERVING, a
 * stream that breaks, a reopened stream that fails, and a second clean end within
 * {@link #MIN_REOPEN_INTERVAL} of the last reopen (a server that ends every watch at once would
 * otherwise keep us reopening in a loop; the controller then decides with a {@code GetSale}).
 */
final class HealthWatch implements AutoCloseable {

  static final Duration MIN_REOPEN_INTERVAL = Duration.ofSeconds(1);

  private final Channel channel;
  private final Consumer<Boolean> listener;
  private final Clock clock;
  /** The current stream; guarded by {@code this}, as are the two fields below. */
  private ClientCallStreamObserver<HealthCheckRequest> stream;
  private boolean closed;
  private Instant lastReopen;

  HealthWatch(Channel channel, Consumer<Boolean> listener, Clock clock) {
    this.channel = channel;
    this.listener = listener;
    this.clock = clock;
  }

  /** Opens a stream (the first, or one replacing a stream ended cleanly); returns at once. */
  HealthWatch open() {
    HealthGrpc.newStub(channel).watch(HealthCheckRequest.newBuilder().setService("").build(), new Stream());
    synchronized (this) {
      if (!closed) {
        return this;
      }
    }
    cancelCurrent(); // closed while this stream was being opened: it must not outlive the watch
    return this;
  }

  /** Cancels the watch; nothing is reported after this, the cancel included. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    cancelCurrent();
  }

  private void cancelCurrent() {
    ClientCallStreamObserver<HealthCheckRequest> current;
    synchronized (this) {
      current = stream;
    }
    if (current != null) {
      current.cancel("watch no longer needed", null);
    }
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  /** Whether to reopen after a clean end (and note the reopen), or report it. */
  private synchronized boolean mayReopen() {
    Instant now = clock.instant();
    if (closed || (lastReopen != null && Duration.between(lastReopen, now).compareTo(MIN_REOPEN_INTERVAL) < 0)) {
      return false;
    }
    lastReopen = now;
    return true;
  }

  /** One stream of the watch. */
  private final class Stream implements ClientResponseObserver<HealthCheckRequest, HealthCheckResponse> {
    @Override
    public void beforeStart(ClientCallStreamObserver<HealthCheckRequest> started) {
      synchronized (HealthWatch.this) {
        stream = started;
      }
    }

    @Override
    public void onNext(HealthCheckResponse value) {
      if (!isClosed()) {
        listener.accept(value.getStatus() == HealthCheckResponse.ServingStatus.SERVING);
      }
    }

    // Only our own cancel is not news: a server cut short (shutdownNow, a killed in-process
    // engine) also ends the stream with CANCELLED, and that engine is gone.
    @Override
    public void onError(Throwable t) {
      if (!isClosed()) {
        listener.accept(false);
      }
    }

    @Override
    public void onCompleted() {
      if (mayReopen()) {
        open();
      } else if (!isClosed()) {
        listener.accept(false);
      }
    }
  }
}
