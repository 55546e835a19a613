package com.arcal.controller.engine;

import io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Keepalive of the channels to engines: an HTTP/2 PING every {@link #TIME}, even without a call in
 * flight, and the connection given up when one is not answered within {@link #TIMEOUT}.
 *
 * <p>Why: a sale may be quiet for hours, its only traffic the health watch, which sends nothing
 * while the engine stays SERVING. In a Container Apps environment an idle connection does not
 * last: the environment's ingress proxy drops idle requests after 4 minutes by default, and can be
 * set as low as 1 minute ("Configure ingress for an Azure Container Apps environment", premium
 * ingress, idle request timeout 1-60 min); Azure Load Balancer flows idle for 4 minutes (its
 * default) are dropped silently ("Load Balancer TCP Reset and idle timeout"). A PING every 30 s
 * keeps the connection busy well under the smallest of these, and one unanswered for 10 s ends a
 * connection that was dropped silently, or whose engine hangs, instead of leaving the watch
 * waiting on a dead socket. The engine permits pings this often
 * ({@code EngineServer.KEEPALIVE_FLOOR}).
 */
final class ChannelKeepalive {

  static final Duration TIME = Duration.ofSeconds(30);
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private ChannelKeepalive() {}

  static NettyChannelBuilder apply(NettyChannelBuilder builder) {
    return builder
        .keepAliveTime(TIME.toSeconds(), TimeUnit.SECONDS)
        .keepAliveTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
        .keepAliveWithoutCalls(true);
  }
}
