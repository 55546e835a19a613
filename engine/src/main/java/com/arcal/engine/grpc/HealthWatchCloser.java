package com.arcal.engine.grpc;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthGrpc;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tracks open {@code grpc.health.v1.Health/Watch} streams so a graceful shutdown can end them.
 *
 * <p>Watch streams never finish by themselves, so without this a graceful shutdown would always
 * wait out its whole grace period and then cut them. Ending them ourselves, after the terminal
 * NOT_SERVING has been sent, lets watchers see both the NOT_SERVING and a clean end of stream.
 */
public final class HealthWatchCloser implements ServerInterceptor {

  private static final String WATCH = HealthGrpc.getWatchMethod().getFullMethodName();

  private final Set<SerializedCall<?, ?>> watches = ConcurrentHashMap.newKeySet();

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    if (!WATCH.equals(call.getMethodDescriptor().getFullMethodName())) {
      return next.startCall(call, headers);
    }
    SerializedCall<Q, R> watch = new SerializedCall<>(call);
    watches.add(watch);
    return new SimpleForwardingServerCallListener<Q>(next.startCall(watch, headers)) {
      @Override
      public void onComplete() {
        watches.remove(watch);
        super.onComplete();
      }

      @Override
      public void onCancel() {
        watches.remove(watch);
        super.onCancel();
      }
    };
  }

  /** Ends every open Watch stream with the given status. */
  public void closeAll(Status status) {
    watches.forEach(watch -> watch.closeOnce(status));
    watches.clear();
  }

  /**
   * A ServerCall is not thread-safe, and the health service may still be writing to it while we
   * close it from the shutdown thread: serialize both, and drop writes after close.
   */
  private static final class SerializedCall<Q, R> extends SimpleForwardingServerCall<Q, R> {

    private boolean closed;

    SerializedCall(ServerCall<Q, R> delegate) {
      super(delegate);
    }

    @Override
    public synchronized void sendHeaders(Metadata headers) {
      if (!closed) {
        super.sendHeaders(headers);
      }
    }

    @Override
    public synchronized void sendMessage(R message) {
      if (!closed) {
        super.sendMessage(message);
      }
    }

    @Override
    public synchronized void close(Status status, Metadata trailers) {
      if (!closed) {
        closed = true;
        super.close(status, trailers);
      }
    }

    void closeOnce(Status status) {
      close(status, new Metadata());
    }
  }
}
