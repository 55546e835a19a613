package com.arcal.emulator.state;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/** Whether ports on a loopback address are free right now. */
final class LoopbackPorts {
  private LoopbackPorts() {}

  /** True when every port can be bound on {@code ip} (nothing else listens there). */
  static boolean free(String ip, List<Integer> ports) {
    for (int port : ports) {
      try (ServerSocket probe = new ServerSocket()) {
        probe.setReuseAddress(true);
        probe.bind(new InetSocketAddress(ip, port));
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }
}
