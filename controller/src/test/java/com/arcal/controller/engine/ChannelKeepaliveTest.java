package com.arcal.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.engine.EngineServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The keepalive numbers against the limits they must respect (sources in ChannelKeepalive). */
class ChannelKeepaliveTest {
  /** The smallest idle request timeout a Container Apps environment can be set to (premium ingress). */
  private static final Duration SMALLEST_ENVIRONMENT_IDLE_TIMEOUT = Duration.ofMinutes(1);
  /** Azure Load Balancer's default idle timeout for a flow. */
  private static final Duration LOAD_BALANCER_IDLE_TIMEOUT = Duration.ofMinutes(4);

  @Test
  void pingsComeWellBeforeAnyIdleTimeout_evenWithTheUnansweredPingsWait() {
    assertThat(ChannelKeepalive.TIME.plus(ChannelKeepalive.TIMEOUT))
        .isLessThan(SMALLEST_ENVIRONMENT_IDLE_TIMEOUT)
        .isLessThan(LOAD_BALANCER_IDLE_TIMEOUT);
    assertThat(ChannelKeepalive.TIME.multipliedBy(2)).isLessThanOrEqualTo(SMALLEST_ENVIRONMENT_IDLE_TIMEOUT);
  }

  @Test
  void pingsAreNoMoreFrequentThanTheEnginePermits_elseItWouldCloseTheConnection() {
    // gRPC servers answer pings more frequent than their permitKeepAliveTime with GOAWAY.
    assertThat(ChannelKeepalive.TIME).isGreaterThanOrEqualTo(EngineServer.KEEPALIVE_FLOOR);
  }
}
