package com.arcal.engine.grpc;

import com.arcal.engine.buyers.Buyers;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Buyers as the gRPC service sees them, without any socket. */
final class FakeBuyers implements Buyers {

  volatile int connected;
  final List<Integer> disconnectCodes = new CopyOnWriteArrayList<>();

  @Override
  public int connected() {
    return connected;
  }

  @Override
  public void disconnectAll(int closeCode, String reason) {
    disconnectCodes.add(closeCode);
    connected = 0;
  }
}
