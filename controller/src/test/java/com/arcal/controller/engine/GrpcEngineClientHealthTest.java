package com.arcal.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.controller.sale.SaleId;
import com.arcal.controller.secret.Secret;
import com.arcal.engine.EngineServer;
import com.arcal.engine.EngineSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The health watch against a real engine: what ends it is news, unless we ended it. */
class GrpcEngineClientHealthTest {
  private EngineServer engine;
  private static final Secret TOKEN = Secret.of("health-test-token-0123456789");
  private GrpcEngineClient client;
  private EngineAddress address;
  private final List<Boolean> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    engine = EngineServer.start(EngineSettings.ephemeralLoopback().withToken(TOKEN.reveal()));
    client = new GrpcEngineClient(Duration.ofSeconds(5));
    address = new EngineAddress("127.0.0.1", engine.grpcPort());
    client.start(address, Optional.of(TOKEN), new SaleId("s1"), Map.of(), 1);
  }

  @AfterEach
  void stop() {
    client.close();
    engine.kill();
  }

  @Test
  void anEngineKilledInPlace_endsTheWatchWithBadNews() {
    // Netty may end such a stream with CANCELLED rather than UNAVAILABLE: it still counts.
    client.watchHealth(address, seen::add);
    await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains(true));

    engine.kill();

    await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains(false));
  }

  @Test
  void aWatchWeCancel_isNotReportedAsBadNews() throws Exception {
    AutoCloseable watch = client.watchHealth(address, seen::add);
    await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains(true));

    watch.close();
    // The cancel's callback is queued on the channel's executor at once; a full round trip to the
    // engine afterwards gives it ample time to arrive, were it reported.
    client.get(address, Optional.of(TOKEN));

    assertThat(seen).containsOnly(true);
  }
}
