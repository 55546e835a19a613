package com.arcal.engine.buyers;

import com.arcal.engine.sale.EngineState;
import com.arcal.engine.sale.Sale;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.websocket.WsCloseStatus;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buyers connected to one engine: admits them while the sale runs, relays their JSON messages
 * to each other, and disconnects them when the sale stops.
 *
 * <p>Invariant: a buyer is in {@link #buyers} only if the sale was RUNNING when it was admitted
 * and no {@link #disconnectAll} has run since. Admission and {@code disconnectAll} share one lock,
 * and callers change the sale state before calling {@code disconnectAll}, so a buyer admitted
 * concurrently with a stop is either refused or disconnected, never left behind.
 */
public final class BuyerHub implements Buyers {

  private static final Logger log = LoggerFactory.getLogger(BuyerHub.class);

  private final EngineState state;
  private final BuyerMessages messages;
  private final Object admission = new Object();
  /** Admitted buyers by WebSocket session id. */
  private final Map<String, WsContext> buyers = new ConcurrentHashMap<>();

  public BuyerHub(EngineState state, ObjectMapper json) {
    this.state = Objects.requireNonNull(state, "state");
    this.messages = new BuyerMessages(json);
  }

  /** Installs the hub's handlers on a WebSocket endpoint. */
  public void attach(WsConfig ws) {
    ws.onConnect(this::onConnect);
    ws.onMessage(this::onMessage);
    ws.onBinaryMessage(ctx -> ctx.send(messages.error("binary messages are not supported, send JSON text")));
    ws.onClose(ctx -> buyers.remove(ctx.sessionId()));
    ws.onError(ctx -> buyers.remove(ctx.sessionId()));
  }

  @Override
  public int connected() {
    return buyers.size();
  }

  @Override
  public void disconnectAll(int closeCode, String reason) {
    List<WsContext> leaving;
    synchronized (admission) {
      leaving = List.copyOf(buyers.values());
      buyers.clear();
    }
    leaving.forEach(ctx -> closeQuietly(ctx, closeCode, reason));
  }

  private void onConnect(WsConnectContext ctx) {
    Sale sale;
    synchronized (admission) {
      sale = state.current();
      ctx.send(messages.hello(sale));
      if (sale.isRunning()) {
        buyers.put(ctx.sessionId(), ctx);
        return;
      }
    }
    ctx.closeSession(WsCloseStatus.TRY_AGAIN_LATER, "sale is " + BuyerMessages.stateName(sale));
  }

  private void onMessage(WsMessageContext ctx) {
    String text = ctx.message();
    if (messages.parseObject(text).isEmpty()) {
      ctx.send(messages.error("message must be a JSON object, e.g. {\"type\":\"bid\",\"amount\":10}"));
      return;
    }
    if (!buyers.containsKey(ctx.sessionId())) {
      ctx.send(messages.error("sale is not running, message not relayed"));
      return;
    }
    buyers.forEach((id, other) -> {
      if (!id.equals(ctx.sessionId())) {
        sendQuietly(other, text);
      }
    });
  }

  // A buyer that vanished between lookup and send must not stop the relay to the others.
  private static void sendQuietly(WsContext ctx, String text) {
    try {
      if (ctx.session.isOpen()) {
        ctx.send(text);
      }
    } catch (RuntimeException e) {
      log.debug("relay to buyer {} failed: {}", ctx.sessionId(), e.toString());
    }
  }

  private static void closeQuietly(WsContext ctx, int closeCode, String reason) {
    try {
      ctx.closeSession(closeCode, reason);
    } catch (RuntimeException e) {
      log.debug("closing buyer {} failed: {}", ctx.sessionId(), e.toString());
    }
  }
}
