package com.arcal.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.controller.ControllerWiring;
import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.ArmException;
import com.arcal.controller.azure.PortMapping;
import com.arcal.controller.azure.ProvisioningState;
import com.arcal.controller.endpoint.BuyerUrls;
import com.arcal.controller.endpoint.EngineEndpoints;
import com.arcal.controller.fake.FakeContainerApps;
import com.arcal.controller.fake.FakeEngines;
import com.arcal.controller.fake.MutableClock;
import com.arcal.controller.queue.Backoff;
import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.SaleDefaults;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.store.InMemoryDesiredStateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ControllerTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final AppNaming naming = new AppNaming("sale-");
  private final ControllerSettings settings =
      ControllerSettings.builder("fleet", naming, new SaleDefaults("arcal/engine:local", "0.5", "1Gi"))
          .workers(2)
          .resyncPeriod(Duration.ofHours(1))
          .pollInterval(Duration.ofMillis(50))
          .engineHealing(Duration.ofSeconds(30), Duration.ofSeconds(60))
          .build();

  @Test
  void firstStartAdoptsOwnedAppsEvenWhenTheFirstListFails() {
    FakeContainerApps apps = new FakeContainerApps();
    Map<String, String> tags =
        Map.of(Ownership.MANAGED_BY, "fleet", Ownership.SALE_ID, "live", Ownership.SPEC_HASH, "x");
    apps.seed(
        new AppObservation(
            "sale-live",
            tags,
            ProvisioningState.SUCCEEDED,
            "sale-live--a",
            "",
            List.of(new PortMapping(50051, 50051, false)),
            "arcal/engine:local",
            Map.of(AppSpecs.ENV_SALE_CONFIG, "{\"lots\":\"4\"}"),
            Set.of()));
    InMemoryDesiredStateStore store = new InMemoryDesiredStateStore(naming, clock, true);
    var parts =
        ControllerWiring.builder(store, apps, new FakeEngines(), new EngineEndpoints(BuyerUrls.ingress()), settings)
            .backoff(new Backoff(Duration.ofMillis(10), Duration.ofMillis(100), 0))
            .clock(clock)
            .random(new SplittableRandom(1))
            .build();
    apps.failNext(ArmException.fromResponse("ARM unreachable", 503, "", null, null));

    try (Controller controller = parts.controller()) {
      controller.start();
      assertThat(parts.resync().platformProblem()).isPresent();
      assertThat(store.snapshot().asMap()).isEmpty();

      assertThat(parts.resync().run()).isTrue();

      assertThat(store.snapshot().sale(new SaleId("live")).orElseThrow().spec().config())
          .containsEntry("lots", "4");
      await().atMost(Duration.ofSeconds(10)).until(() -> apps.count("put") >= 1);
      assertThat(apps.count("delete")).isZero();
    }
  }
}
