package com.arcal.engine;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records a server stream: every message, then how it ended. */
public final class RecordingObserver<T> implements StreamObserver<T> {

  public final List<T> messages = new CopyOnWriteArrayList<>();
  /** Completes with OK on a normal end, or with the error's status. */
  public final CompletableFuture<Status> end = new CompletableFuture<>();

  @Override
  public void onNext(T value) {
    messages.add(value);
  }

  @Override
  public void onError(Throwable t) {
    end.complete(Status.fromThrowable(t));
  }

  @Override
  public void onCompleted() {
    end.complete(Status.OK);
  }
}
