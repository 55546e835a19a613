package com.arcal.engine.buyers;

/** What the sale's control plane needs from the buyers' side. */
public interface Buyers {

  /** Buyers admitted to the running sale and still connected. */
  int connected();

  /** Closes every admitted buyer's socket with the given WebSocket close code. */
  void disconnectAll(int closeCode, String reason);
}
