package com.arcal.emulator.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** TCP readiness probe, like a Container Apps startup probe of type TCP. */
final class PortProbe {

  private PortProbe() {}

  /** Whether {@code host:port} accepts a TCP connection within {@code timeout}. */
  static boolean accepts(String host, int port, Duration timeout) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), Math.toIntExact(timeout.toMillis()));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
