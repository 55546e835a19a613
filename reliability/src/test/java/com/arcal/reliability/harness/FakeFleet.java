package com.arcal.reliability.harness;

import com.arcal.api.Orchestrator;
import com.arcal.api.config.Settings;
import com.arcal.api.platform.Platform;
import com.arcal.controller.endpoint.BuyerUrls;
import com.arcal.controller.endpoint.EngineEndpoints;
import com.arcal.controller.fake.FakeContainerApps;
import com.arcal.controller.fake.FakeEngines;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A whole orchestrator in this JVM whose platform is the controller's hand-written fakes: for
 * scenarios that attack the API and the store, where the cloud only has to be there.
 */
public final class FakeFleet implements AutoCloseable {
  public final FakeContainerApps apps = new FakeContainerApps();
  public final FakeEngines engines = new FakeEngines();
  public final Orchestrator orchestrator;
  public final Path stateFile;
  /** A client without a token (anonymous when the fleet has one). */
  public final Api api;

  private FakeFleet(Path dir, Map<String, String> extra) {
    this.stateFile = dir.resolve("desired-state.json");
    Map<String, String> env = new HashMap<>();
    env.put("ARCAL_HTTP_PORT", "0");
    env.put("ARCAL_STATE_FILE", stateFile.toString());
    env.put("ARCAL_POLL_MILLIS", "50");
    env.put("ARCAL_EMULATOR_DATA_DIR", dir.resolve("emulator").toString());
    env.putAll(extra);
    this.orchestrator =
        Orchestrator.start(
            Settings.of(env),
            (settings, armCalls, clock) ->
                new Platform(apps, engines, new EngineEndpoints(BuyerUrls.ingress()), () -> {}, "fakes"),
            Clock.systemUTC());
    this.api = new Api(orchestrator.url());
  }

  public static FakeFleet start(Path dir) {
    return new FakeFleet(dir, Map.of());
  }

  public static FakeFleet withToken(Path dir) {
    return new FakeFleet(dir, Map.of("ARCAL_API_TOKEN", LocalFleet.TOKEN));
  }

  /** A client that sends the fleet's token. */
  public Api authorised() {
    return new Api(orchestrator.url(), Optional.of(LocalFleet.TOKEN));
  }

  @Override
  public void close() {
    orchestrator.close();
  }
}
