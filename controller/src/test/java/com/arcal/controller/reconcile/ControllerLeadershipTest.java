package com.arcal.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.controller.ControllerWiring;
import com.arcal.controller.endpoint.BuyerUrls;
import com.arcal.controller.endpoint.EngineEndpoints;
import com.arcal.controller.fake.FakeContainerApps;
import com.arcal.controller.fake.FakeEngines;
import com.arcal.controller.fake.FakeLeaderElector;
import com.arcal.controller.metrics.ControllerMetrics;
import com.arcal.controller.queue.Backoff;
import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.SaleDefaults;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import com.arcal.controller.store.InMemoryDesiredStateStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Only the leader reconciles; gaining leadership starts from a full resync. */
class ControllerLeadershipTest {
  private static final Duration QUIET = Duration.ofMillis(700);

  private final AppNaming naming = new AppNaming("sale-");
  private final FakeContainerApps apps = new FakeContainerApps();
  private final FakeLeaderElector elector = new FakeLeaderElector("replica-a");
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private InMemoryDesiredStateStore store;
  private Controller controller;

  @BeforeEach
  void setUp() {
    store = new InMemoryDesiredStateStore(naming, Clock.systemUTC(), false);
    ControllerSettings settings =
        ControllerSettings.builder(
                "test-fleet", naming, new SaleDefaults("arcal/engine:local", "0.5", "1Gi"))
            .workers(2)
            .resyncPeriod(Duration.ofMinutes(10)) // no periodic resync during the test: only leadership's
            .pollInterval(Duration.ofMillis(100))
            .engineHealing(Duration.ofSeconds(30), Duration.ofSeconds(60))
            .build();
    controller =
        ControllerWiring.builder(store, apps, new FakeEngines(), new EngineEndpoints(BuyerUrls.ingress()), settings)
            .backoff(new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1), 0.1))
            .metrics(new ControllerMetrics(registry))
            .random(new SplittableRandom(3))
            .elector(elector)
            .build()
            .controller();
  }

  @AfterEach
  void tearDown() {
    controller.close();
  }

  private void desire(String sale) {
    store.put(new SaleId(sale), SaleSpec.ofConfig(Map.of()), Optional.empty());
  }

  private double masterStatus() {
    return registry.get("leader.election.master.status").tag("name", "arcal").gauge().value();
  }

  private double resyncs() {
    return registry.get("arcal.resyncs").counter().count();
  }

  @Test
  void followerWritesNothingUntilItLeads() {
    desire("vente-01");
    controller.start();

    await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> apps.count("put ") == 0);
    assertThat(masterStatus()).isZero();
    assertThat(resyncs()).as("a follower keeps its view fresh").isEqualTo(1.0);

    elector.lead();

    await().atMost(Duration.ofSeconds(5)).until(() -> apps.count("put sale-vente-01") == 1);
    assertThat(masterStatus()).isEqualTo(1.0);
    // The resync runs on the controller's scheduler, beside the workers that made the PUT.
    await().atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(resyncs()).as("leading starts from a full resync").isEqualTo(2.0));
  }

  @Test
  void changesWhileFollowingAreReconciledAfterGainingLeadership() {
    elector.lead();
    controller.start();
    desire("vente-01");
    await().atMost(Duration.ofSeconds(5)).until(() -> apps.count("put sale-vente-01") == 1);

    elector.follow();
    desire("vente-02");

    await().during(QUIET).atMost(QUIET.multipliedBy(3))
        .until(() -> apps.count("put sale-vente-02") == 0);
    assertThat(masterStatus()).isZero();

    apps.completeAll();
    elector.lead();

    await().atMost(Duration.ofSeconds(5)).until(() -> apps.count("put sale-vente-02") == 1);
    assertThat(apps.count("put sale-vente-01")).isEqualTo(1);
  }
}
