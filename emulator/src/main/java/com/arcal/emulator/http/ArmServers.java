package com.arcal.emulator.http;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * The emulator's listeners: HTTPS always (ARM clients insist on it), plain HTTP optionally, both
 * serving the same handler from one small thread pool.
 */
public final class ArmServers implements AutoCloseable {
  private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

  private final HttpsServer https;
  private final HttpServer http;
  private final ExecutorService executor;
  private final String host;

  private ArmServers(HttpsServer https, HttpServer http, ExecutorService executor, String host) {
    this.https = https;
    this.http = http;
    this.executor = executor;
    this.host = host;
  }

  /**
   * Binds and starts the listeners.
   *
   * @param httpsPort HTTPS port, 0 for an ephemeral one
   * @param httpPort HTTP port, 0 for an ephemeral one, -1 for none
   */
  public static ArmServers start(
      String host, int httpsPort, int httpPort, SSLContext ssl, HttpHandler handler, int threads) {
    disableNagle();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            threads,
            new ThreadFactoryBuilder().setNameFormat("arm-http-%d").setDaemon(true).build());
    HttpsServer https = null;
    HttpServer http = null;
    try {
      https = HttpsServer.create(new InetSocketAddress(host, httpsPort), 128);
      https.setHttpsConfigurator(new HttpsConfigurator(ssl));
      https.createContext("/", handler);
      https.setExecutor(executor);
      if (httpPort >= 0) {
        http = HttpServer.create(new InetSocketAddress(host, httpPort), 128);
        http.createContext("/", handler);
        http.setExecutor(executor);
      }
    } catch (IOException e) {
      if (https != null) {
        https.stop(0);
      }
      executor.shutdownNow();
      throw new UncheckedIOException("cannot listen on " + host + ": " + e.getMessage(), e);
    }
    https.start();
    if (http != null) {
      http.start();
    }
    return new ArmServers(https, http, executor, host);
  }

  public String httpsBaseUrl() {
    return "https://" + authority(https.getAddress().getPort());
  }

  public Optional<String> httpBaseUrl() {
    return Optional.ofNullable(http).map(s -> "http://" + authority(s.getAddress().getPort()));
  }

  private String authority(int port) {
    String shown = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    return (shown.contains(":") ? "[" + shown + "]" : shown) + ":" + port;
  }

  @Override
  public void close() {
    https.stop(0);
    if (http != null) {
      http.stop(0);
    }
    executor.shutdownNow();
  }

  /**
   * The JDK server writes headers and body separately; with Nagle's algorithm on, the body waits
   * for the client's delayed ACK, adding ~40 ms to every response. The JDK reads this property
   * once, when its first server starts, so it is set here unless the user chose otherwise.
   */
  private static void disableNagle() {
    if (System.getProperty(NODELAY_PROPERTY) == null) {
      System.setProperty(NODELAY_PROPERTY, "true");
    }
  }
}
