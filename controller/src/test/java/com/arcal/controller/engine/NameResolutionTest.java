package com.arcal.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.arcal.controller.endpoint.HostsFile;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.secret.Secret;
import com.arcal.engine.EngineServer;
import com.arcal.engine.EngineSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engines dialled by app name, the name resolved through a hosts file (the local platform). */
class NameResolutionTest {
  private static final Secret TOKEN = Secret.of("names-test-token-0123456789");

  @TempDir Path dir;
  private EngineServer first;
  private EngineServer second;
  private GrpcEngineClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    for (EngineServer e : new EngineServer[] {first, second}) {
      if (e != null) {
        e.kill();
      }
    }
  }

  private Path hosts(String content) throws IOException {
    return Files.writeString(dir.resolve("hosts"), content);
  }

  @Test
  void anAppName_isDialledAtTheAddressTheFileGivesIt() throws IOException {
    first = EngineServer.start(new EngineSettings("127.0.3.1", 0, 0, TOKEN.reveal()));
    client = GrpcEngineClient.resolvingThrough(Duration.ofSeconds(5), new HostsFile(hosts("127.0.3.1 sale-a\n"))::address);

    EngineView view =
        client.start(
            new EngineAddress("sale-a", first.grpcPort()), Optional.of(TOKEN), new SaleId("a"), Map.of(), 1);

    assertThat(view.runs("a", 1)).isTrue();
  }

  @Test
  void aNameTheFileDoesNotKnow_isUnreachable() throws IOException {
    client = GrpcEngineClient.resolvingThrough(Duration.ofSeconds(2), new HostsFile(hosts(""))::address);

    assertThatThrownBy(() -> client.get(new EngineAddress("sale-nowhere", 50051), Optional.of(TOKEN)))
        .isInstanceOf(EngineException.class)
        .satisfies(e -> assertThat(((EngineException) e).unreachable()).isTrue());
  }

  @Test
  void anAppRecreatedElsewhere_isFoundAtItsNewAddress() throws IOException {
    first = EngineServer.start(new EngineSettings("127.0.3.1", 0, 0, TOKEN.reveal()));
    int port = first.grpcPort();
    Path file = hosts("127.0.3.1 sale-a\n");
    client = GrpcEngineClient.resolvingThrough(Duration.ofSeconds(2), new HostsFile(file)::address);
    EngineAddress address = new EngineAddress("sale-a", port);
    client.start(address, Optional.of(TOKEN), new SaleId("a"), Map.of(), 1);

    first.kill();
    second = EngineServer.start(new EngineSettings("127.0.3.2", port, 0, TOKEN.reveal()));
    Files.writeString(file, "# moved\n127.0.3.2 sale-a\n");

    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreExceptions()
        .until(() -> client.get(address, Optional.of(TOKEN)).state() == EngineView.State.IDLE);
  }
}
