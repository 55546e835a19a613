package com.arcal.emulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.emulator.runtime.ProbeSpec.Kind;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Probe attempts against real sockets on loopback. */
class NetworkProbesTest {

  private static final Duration TIMEOUT = Duration.ofMillis(500);

  private final NetworkProbes probes = new NetworkProbes();
  private final Map<String, String> headersSeen = new ConcurrentHashMap<>();
  private HttpServer http;

  @BeforeEach
  void startServer() throws IOException {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/ok", exchange -> {
      headersSeen.put("X-Probe", String.valueOf(exchange.getRequestHeaders().getFirst("X-Probe")));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    http.createContext("/moved", exchange -> {
      exchange.getResponseHeaders().add("Location", "/elsewhere");
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
    });
    http.createContext("/down", exchange -> {
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });
    http.start();
  }

  @AfterEach
  void stopServer() {
    http.stop(0);
  }

  private static ProbeSpec get(int port, String path, List<ProbeSpec.Header> headers) {
    return new ProbeSpec(Kind.LIVENESS, new ProbeSpec.HttpGet(false, Optional.empty(), port, path, headers),
        Duration.ZERO, Duration.ofSeconds(1), TIMEOUT, 1, 3, Optional.empty());
  }

  private static ProbeSpec tcp(int port) {
    return new ProbeSpec(Kind.READINESS, new ProbeSpec.TcpSocket(Optional.empty(), port),
        Duration.ZERO, Duration.ofSeconds(1), TIMEOUT, 1, 3, Optional.empty());
  }

  private int httpPort() {
    return http.getAddress().getPort();
  }

  @Test
  void httpGet_passesOn2xxAnd3xx_withTheDeclaredHeaders() {
    ProbeResult ok = probes.check("127.0.0.1", get(httpPort(), "/ok", List.of(new ProbeSpec.Header("X-Probe", "liveness"))));

    assertThat(ok.success()).isTrue();
    assertThat(headersSeen).containsEntry("X-Probe", "liveness");
    assertThat(probes.check("127.0.0.1", get(httpPort(), "/moved", List.of())).success()).isTrue();
  }

  @Test
  void httpGet_failsOnAnyOtherStatus() {
    ProbeResult down = probes.check("127.0.0.1", get(httpPort(), "/down", List.of()));

    assertThat(down).isEqualTo(ProbeResult.failed("HTTP probe failed with statuscode: 503"));
    assertThat(probes.check("127.0.0.1", get(httpPort(), "/missing", List.of())).detail()).endsWith("404");
  }

  @Test
  void httpGet_onAServerThatAcceptsButNeverAnswers_failsAtTheTimeout() throws IOException {
    // The kernel completes the handshake from the backlog; nobody ever reads: a hung process.
    try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      long begin = System.nanoTime();

      ProbeResult result = probes.check("127.0.0.1", get(hung.getLocalPort(), "/healthz", List.of()));

      assertThat(result.success()).isFalse();
      assertThat(result.detail()).contains("no answer within 500 ms");
      assertThat(Duration.ofNanos(System.nanoTime() - begin)).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(50));
    }
  }

  @Test
  void tcp_passesWhileSomethingListens_andFailsOnceNothingDoes() throws IOException {
    int port;
    try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = listening.getLocalPort();
      assertThat(probes.check("127.0.0.1", tcp(port)).success()).isTrue();
    }

    ProbeResult closed = probes.check("127.0.0.1", tcp(port));

    assertThat(closed.success()).isFalse();
    assertThat(closed.detail()).startsWith("dial tcp 127.0.0.1:" + port);
  }

  @Test
  void httpGet_onAClosedPort_fails() throws IOException {
    int port;
    try (ServerSocket gone = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = gone.getLocalPort();
    }

    assertThat(probes.check("127.0.0.1", get(port, "/healthz", List.of())).success()).isFalse();
  }
}
