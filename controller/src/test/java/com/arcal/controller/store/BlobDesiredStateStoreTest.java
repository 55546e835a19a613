package com.arcal.controller.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arcal.controller.blob.BlobConnection;
import com.arcal.controller.sale.AppNaming;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What needs no storage at all: a store that cannot reach storage does not start. */
class BlobDesiredStateStoreTest {

  @Test
  void unreachableStorageAtStartFailsInsteadOfGuessingAFirstStart() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort + "/devstoreaccount1/arcal/desired-state.json";
    BlobConnection connection =
        BlobConnection.connectionString(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;"
                + "BlobEndpoint=http://127.0.0.1:" + closedPort + "/devstoreaccount1;");

    assertThatThrownBy(
            () -> new BlobDesiredStateStore(
                connection.blob(url, Duration.ofSeconds(2), 1),
                new AppNaming("sale-"),
                Clock.systemUTC(),
                Duration.ofSeconds(2)))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("cannot reach " + url);
  }

  @Test
  void pollIntervalMustBePositive() {
    BlobConnection connection =
        BlobConnection.connectionString(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;"
                + "BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;");
    assertThatThrownBy(
            () -> new BlobDesiredStateStore(
                connection.blob("http://127.0.0.1:1/devstoreaccount1/c/b", Duration.ofSeconds(1),
                    1),
                new AppNaming("sale-"),
                Clock.systemUTC(),
                Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
