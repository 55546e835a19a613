package com.arcal.emulator.runtime;

import com.arcal.engine.buyers.BuyerSocketServer;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.websocket.WsCloseStatus;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.Function;

/**
 * One HTTP listener on the wildcard address for every app's buyers' port: the engine's WebSocket
 * on any path and its {@code GET /healthz}, each handed to the app whose address the connection
 * came in on. Peers that are not on loopback are refused.
 */
final class SharedBuyerListener implements AutoCloseable {

  private final Javalin javalin;

  private SharedBuyerListener(Javalin javalin) {
    this.javalin = javalin;
  }

  /** Binds {@code 0.0.0.0:port} (0 = any free port). */
  static SharedBuyerListener start(int port, Function<String, Optional<AppEngine>> engines) {
    Javalin javalin = BuyerSocketServer.javalin("shared-engine-ws", 16, "0.0.0.0", port, config -> {
      // Closing the runtime is every engine dying at once: no grace for open connections.
      config.jetty.modifyServer(server -> server.setStopTimeout(0));
      config.routes.get("/healthz", ctx -> healthz(ctx, engines));
      config.routes.ws("/", ws -> dispatch(ws, engines));
      config.routes.ws("/*", ws -> dispatch(ws, engines));
    });
    return new SharedBuyerListener(javalin.start());
  }

  int port() {
    return javalin.port();
  }

  @Override
  public void close() {
    javalin.stop();
  }

  /** As the engine's own {@code /healthz}: 200 {@code ok}, else 503 with the reason. */
  private static void healthz(Context ctx, Function<String, Optional<AppEngine>> engines) {
    Optional<InetAddress> remote = address(ctx.req().getRemoteAddr());
    if (remote.isEmpty() || !remote.get().isLoopbackAddress()) {
      ctx.status(HttpStatus.FORBIDDEN).result("loopback peers only\n");
      return;
    }
    Optional<AppEngine> engine =
        address(ctx.req().getLocalAddr()).map(InetAddress::getHostAddress).flatMap(engines);
    String problem =
        engine.isPresent() ? engine.get().unhealthyBecause() : "no engine runs at this address";
    ctx.status(problem == null ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .contentType("text/plain; charset=utf-8")
        .result((problem == null ? "ok" : problem) + "\n");
  }

  private static void dispatch(WsConfig ws, Function<String, Optional<AppEngine>> engines) {
    ws.onConnect(ctx -> {
      Optional<BuyerHandlers> app = handlers(ctx, engines);
      if (app.isEmpty()) {
        ctx.closeSession(WsCloseStatus.TRY_AGAIN_LATER, "no engine runs at this address");
        return;
      }
      app.get().connect().handleConnect(ctx);
    });
    ws.onMessage(ctx -> {
      Optional<BuyerHandlers> app = handlers(ctx, engines);
      if (app.isPresent()) {
        app.get().message().handleMessage(ctx);
      }
    });
    ws.onBinaryMessage(ctx -> {
      Optional<BuyerHandlers> app = handlers(ctx, engines);
      if (app.isPresent()) {
        app.get().binary().handleBinaryMessage(ctx);
      }
    });
    ws.onClose(ctx -> {
      Optional<BuyerHandlers> app = handlers(ctx, engines);
      if (app.isPresent()) {
        app.get().close().handleClose(ctx);
      }
    });
    ws.onError(ctx -> {
      Optional<BuyerHandlers> app = handlers(ctx, engines);
      if (app.isPresent()) {
        app.get().error().handleError(ctx);
      }
    });
  }

  /** The handlers of the app whose address the session came in on, for a loopback peer only. */
  private static Optional<BuyerHandlers> handlers(
      WsContext ctx, Function<String, Optional<AppEngine>> engines) {
    if (!(ctx.session.getRemoteSocketAddress() instanceof InetSocketAddress remote)
        || !remote.getAddress().isLoopbackAddress()) {
      return Optional.empty();
    }
    SocketAddress local = ctx.session.getLocalSocketAddress();
    return local instanceof InetSocketAddress inet
        ? engines.apply(inet.getAddress().getHostAddress()).map(AppEngine::buyers)
        : Optional.empty();
  }

  /** A literal address as the servlet API gives it ({@code 127.0.0.5}, {@code [::1]}), parsed. */
  private static Optional<InetAddress> address(String literal) {
    try {
      return Optional.of(InetAddress.getByName(literal.replaceAll("^\\[|]$", "")));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
