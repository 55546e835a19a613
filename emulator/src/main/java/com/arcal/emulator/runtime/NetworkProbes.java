package com.arcal.emulator.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Probe attempts over the network, as the kubelet makes them for Container Apps: a TCP connect,
 * or an HTTP(S) GET on a fresh connection that passes on a status from 200 to 399 (HTTPS without
 * certificate checks, as the kubelet does). Redirects are not followed: a 3xx passes as is.
 */
final class NetworkProbes implements ProbeChecker {

  private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/\\d(?:\\.\\d)? (\\d{3})");
  private static final int MAX_STATUS_LINE = 8192;

  @Override
  public ProbeResult check(String host, ProbeSpec probe) {
    long deadline = System.nanoTime() + probe.timeout().toNanos();
    if (probe.action() instanceof ProbeSpec.HttpGet get) {
      return http(get, get.host().orElse(host), deadline, probe.timeout());
    }
    ProbeSpec.TcpSocket tcp = (ProbeSpec.TcpSocket) probe.action();
    return tcp(tcp.host().orElse(host), tcp.port(), probe.timeout());
  }

  private static ProbeResult tcp(String host, int port, Duration timeout) {
    return PortProbe.accepts(host, port, timeout)
        ? ProbeResult.passed()
        : ProbeResult.failed("dial tcp " + host + ":" + port + ": no connection within " + timeout.toMillis() + " ms");
  }

  private static ProbeResult http(ProbeSpec.HttpGet get, String host, long deadline, Duration timeout) {
    String url = (get.https() ? "https" : "http") + "://" + host + ":" + get.port() + get.path();
    try (Socket socket = get.https() ? tlsSocket() : new Socket()) {
      socket.connect(new InetSocketAddress(host, get.port()), remainingMillis(deadline));
      socket.setSoTimeout(remainingMillis(deadline));
      if (socket instanceof SSLSocket tls) {
        tls.startHandshake();
      }
      send(socket.getOutputStream(), get, host);
      int status = status(socket.getInputStream(), deadline, socket);
      return status >= 200 && status < 400
          ? ProbeResult.passed()
          : ProbeResult.failed("HTTP probe failed with statuscode: " + status);
    } catch (SocketTimeoutException e) {
      return ProbeResult.failed("Get \"" + url + "\": no answer within " + timeout.toMillis() + " ms");
    } catch (IOException | GeneralSecurityException e) {
      return ProbeResult.failed("Get \"" + url + "\": " + e.getMessage());
    }
  }

  private static void send(OutputStream out, ProbeSpec.HttpGet get, String host) throws IOException {
    StringBuilder request = new StringBuilder("GET ").append(get.path()).append(" HTTP/1.1\r\n");
    boolean hostGiven = get.headers().stream().anyMatch(h -> h.name().equalsIgnoreCase("Host"));
    if (!hostGiven) {
      request.append("Host: ").append(host).append(':').append(get.port()).append("\r\n");
    }
    request.append("User-Agent: kube-probe/arcal-emulator\r\nAccept: */*\r\nConnection: close\r\n");
    get.headers().forEach(h -> request.append(h.name()).append(": ").append(h.value()).append("\r\n"));
    out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Reads the status line, however the answer is split, until the deadline. */
  private static int status(InputStream in, long deadline, Socket socket) throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while (line.length() < MAX_STATUS_LINE) {
      socket.setSoTimeout(remainingMillis(deadline));
      b = in.read();
      if (b == -1 || b == '\n') {
        break;
      }
      line.append((char) b);
    }
    Matcher m = STATUS_LINE.matcher(line);
    if (!m.find()) {
      throw new IOException("malformed HTTP response: '" + line.toString().strip() + "'");
    }
    return Integer.parseInt(m.group(1));
  }

  private static int remainingMillis(long deadline) throws SocketTimeoutException {
    long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
    if (left <= 0) {
      throw new SocketTimeoutException("probe timeout");
    }
    return Math.toIntExact(Math.min(left, Integer.MAX_VALUE));
  }

  private static Socket tlsSocket() throws IOException, GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new TrustEverything()}, null);
    return context.getSocketFactory().createSocket();
  }

  /** The kubelet does not verify a probed container's certificate; neither do we. */
  private static final class TrustEverything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
