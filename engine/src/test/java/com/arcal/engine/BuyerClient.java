package com.arcal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A real buyer: a java.net.http WebSocket that queues what it receives. */
final class BuyerClient implements WebSocket.Listener, AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
  private final StringBuilder partial = new StringBuilder();
  /** The close code the server sent, or -1 when the connection broke without one. */
  final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final WebSocket socket;

  private BuyerClient(HttpClient http, URI uri) {
    this.socket = http.newWebSocketBuilder().buildAsync(uri, this).join();
  }

  static BuyerClient connect(HttpClient http, int port, String path) {
    return new BuyerClient(http, URI.create("ws://127.0.0.1:" + port + path));
  }

  JsonNode next() throws InterruptedException, TimeoutException {
    JsonNode message = received.poll(5, TimeUnit.SECONDS);
    if (message == null) {
      throw new TimeoutException("no message within 5 s");
    }
    return message;
  }

  void send(String text) {
    socket.sendText(text, true).join();
  }

  int awaitClose() throws Exception {
    return closeCode.get(5, TimeUnit.SECONDS);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      try {
        received.add(JSON.readTree(partial.toString()));
      } catch (Exception e) {
        received.add(JSON.createObjectNode().put("unparsable", partial.toString()));
      }
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closeCode.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closeCode.complete(-1);
  }

  @Override
  public void close() {
    socket.abort();
  }
}
