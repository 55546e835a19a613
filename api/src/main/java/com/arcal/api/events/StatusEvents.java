package com.arcal.api.events;

import com.arcal.api.sales.SaleSummary;
import com.arcal.api.sales.SaleViews;
import com.arcal.controller.status.StatusBoard;
import com.arcal.controller.status.StatusBoard.StatusChange;
import com.arcal.controller.store.DesiredStateStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Streams status changes to SSE clients: first every sale as {@code GET /sales} shows it, then
 * each change as an event {@code status} whose data is the sale's summary, or
 * {@code {"saleId": ..., "deleted": true}} when it left the board; the event id is the board
 * revision.
 *
 * <p>Board listeners run on reconcile workers, so they only enqueue: each client has a bounded
 * queue drained by its own request thread. A client too slow to keep up is disconnected (it
 * reconnects and gets a fresh snapshot) rather than slowing the controller.
 */
public final class StatusEvents implements AutoCloseable {
  static final Duration HEARTBEAT = Duration.ofSeconds(15);
  static final int QUEUE_LIMIT = 1024;
  /** Queued to wake a stream that must end. */
  private static final Optional<StatusChange> END = Optional.empty();

  private final StatusBoard board;
  private final DesiredStateStore store;
  private final SaleViews views;
  private final ObjectMapper json;
  private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public StatusEvents(
      StatusBoard board, DesiredStateStore store, SaleViews views, ObjectMapper json) {
    this.board = board;
    this.store = store;
    this.views = views;
    this.json = json;
  }

  /** One client's queue; {@code ended} once it overflowed or the server stops. */
  private static final class Stream {
    final BlockingQueue<Optional<StatusChange>> queue = new LinkedBlockingQueue<>(QUEUE_LIMIT);
    volatile boolean ended;

    void offer(StatusChange change) {
      if (!queue.offer(Optional.of(change))) {
        end();
      }
    }

    void end() {
      ended = true;
      queue.clear();
      queue.offer(END);
    }
  }

  /** Serves one client until it disconnects or the server stops; runs on the request's thread. */
  void serve(SseClient client) {
    Stream stream = new Stream();
    Consumer<StatusChange> listener = stream::offer;
    streams.add(stream);
    board.subscribe(listener);
    try {
      if (closed) {
        return;
      }
      long revision = board.revision();
      for (SaleSummary sale : views.list(store.snapshot())) {
        client.sendEvent("status", text(sale), Long.toString(revision));
      }
      pump(client, stream);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      board.unsubscribe(listener);
      streams.remove(stream);
      client.close();
    }
  }

  private void pump(SseClient client, Stream stream) throws InterruptedException {
    while (!client.terminated() && !stream.ended) {
      Optional<StatusChange> next = stream.queue.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
      if (next == null) {
        // Also how a vanished client is noticed: the write fails and terminates the client.
        client.sendComment("keep-alive");
      } else if (next.isPresent()) {
        StatusChange change = next.get();
        client.sendEvent("status", data(change), Long.toString(change.revision()));
      }
    }
  }

  private String data(StatusChange change) {
    if (change.after().isEmpty()) {
      return text(Map.of("saleId", change.saleId().value(), "deleted", true));
    }
    return text(views.summary(change.saleId(), store.snapshot().sale(change.saleId()), change.after()));
  }

  private String text(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("views always serialise", e);
    }
  }

  /** Ends every stream (server shutdown); new clients are turned away. */
  @Override
  public void close() {
    closed = true;
    streams.forEach(Stream::end);
  }
}
