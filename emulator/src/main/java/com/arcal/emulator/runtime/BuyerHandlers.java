package com.arcal.emulator.runtime;

import com.arcal.engine.buyers.BuyerHub;
import io.javalin.websocket.WsBinaryMessageHandler;
import io.javalin.websocket.WsCloseHandler;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectHandler;
import io.javalin.websocket.WsErrorHandler;
import io.javalin.websocket.WsMessageHandler;

/**
 * One app's buyer handlers, as its {@link BuyerHub} installs them on a WebSocket endpoint: the
 * shared listener has one endpoint for every app, so it keeps each hub's handlers here and calls
 * those of the app a session came in for. Javalin keeps a {@link WsConfig}'s handlers to itself;
 * overriding its setters is how they are captured.
 */
final class BuyerHandlers extends WsConfig {
  private WsConnectHandler connect = ctx -> {};
  private WsMessageHandler message = ctx -> {};
  private WsBinaryMessageHandler binary = ctx -> {};
  private WsCloseHandler close = ctx -> {};
  private WsErrorHandler error = ctx -> {};

  private BuyerHandlers() {}

  static BuyerHandlers of(BuyerHub hub) {
    BuyerHandlers handlers = new BuyerHandlers();
    hub.attach(handlers);
    return handlers;
  }

  @Override
  public void onConnect(WsConnectHandler handler) {
    connect = handler;
  }

  @Override
  public void onMessage(WsMessageHandler handler) {
    message = handler;
  }

  @Override
  public void onBinaryMessage(WsBinaryMessageHandler handler) {
    binary = handler;
  }

  @Override
  public void onClose(WsCloseHandler handler) {
    close = handler;
  }

  @Override
  public void onError(WsErrorHandler handler) {
    error = handler;
  }

  WsConnectHandler connect() {
    return connect;
  }

  WsMessageHandler message() {
    return message;
  }

  WsBinaryMessageHandler binary() {
    return binary;
  }

  WsCloseHandler close() {
    return close;
  }

  WsErrorHandler error() {
    return error;
  }
}
