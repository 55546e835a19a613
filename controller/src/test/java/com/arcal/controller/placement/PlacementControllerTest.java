package com.arcal.controller.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.controller.ControllerWiring;
import com.arcal.controller.azure.AppRequest;
import com.arcal.controller.azure.ArmException;
import com.arcal.controller.azure.EnvironmentId;
import com.arcal.controller.endpoint.BuyerUrls;
import com.arcal.controller.endpoint.EngineEndpoints;
import com.arcal.controller.fake.FakeContainerApps;
import com.arcal.controller.fake.FakeEngines;
import com.arcal.controller.fake.FakeEnvironmentUsages;
import com.arcal.controller.fake.MutableClock;
import com.arcal.controller.queue.Backoff;
import com.arcal.controller.reconcile.Controller;
import com.arcal.controller.reconcile.ControllerSettings;
import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.SaleDefaults;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import com.arcal.controller.status.Condition;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.SaleStatus;
import com.arcal.controller.store.InMemoryDesiredStateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Placement as the controller drives it: fakes of Container Apps and of environment usages. */
class PlacementControllerTest {
  private static final EnvironmentId A = new EnvironmentId("sub-1", "rg-a", "env-a");
  private static final EnvironmentId B = new EnvironmentId("sub-2", "rg-b", "env-b");
  private static final Duration SOON = Duration.ofSeconds(10);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T00:00:00Z"));
  private final AppNaming naming = new AppNaming("sale-");
  private final ControllerSettings settings =
      ControllerSettings.builder("fleet", naming, new SaleDefaults("arcal/engine:local", "0.5", "1Gi"))
          .workers(2)
          .resyncPeriod(Duration.ofHours(1))
          .pollInterval(Duration.ofMillis(20))
          .engineHealing(Duration.ofSeconds(30), Duration.ofSeconds(60))
          .build();
  private final FakeContainerApps apps = new FakeContainerApps();
  private final FakeEnvironmentUsages usages = new FakeEnvironmentUsages(apps);
  private final InMemoryDesiredStateStore store = new InMemoryDesiredStateStore(naming, clock, false);
  private ControllerWiring.Parts parts;

  private ControllerWiring.Parts start() {
    parts =
        ControllerWiring.builder(store, apps, new FakeEngines(), new EngineEndpoints(BuyerUrls.ingress()), settings)
            .backoff(new Backoff(Duration.ofMillis(10), Duration.ofMillis(100), 0))
            .clock(clock)
            .random(new SplittableRandom(1))
            .environments(List.of(A, B), usages)
            .build();
    parts.controller().start();
    return parts;
  }

  @AfterEach
  void stop() {
    if (parts != null) {
      parts.controller().close();
    }
  }

  private void desire(String id) {
    store.put(new SaleId(id), SaleSpec.ofConfig(Map.of()), Optional.empty());
  }

  private Optional<String> placementTag(String id) {
    return apps.app("sale-" + id).flatMap(a -> a.tag(AppRequest.ENVIRONMENT_TAG));
  }

  private SaleStatus status(String id) {
    return parts.board().get(new SaleId(id)).orElseThrow();
  }

  private Condition scheduled(String id) {
    return status(id).condition(Condition.SCHEDULED).orElseThrow();
  }

  @Test
  void newSales_goWhereMostCoresAreFree_recordedOnTheAppAndInTheStatus() {
    usages.limit(A, 10).takenByOthers(A, 9).limit(B, 10).takenByOthers(B, 8.5);
    start();

    desire("s1");
    desire("s2");
    desire("s3");

    await().atMost(SOON).until(() -> apps.count("put") == 3);
    // B has 1.5 free, A 1: B, then A or B (1 each, A listed first), then the other.
    assertThat(List.of(placementTag("s1"), placementTag("s2"), placementTag("s3")))
        .map(Optional::orElseThrow)
        .containsExactlyInAnyOrder(B.toString(), A.toString(), B.toString());
    await().atMost(SOON).until(() -> status("s1").condition(Condition.SCHEDULED).isPresent());
    assertThat(scheduled("s1").isTrue()).isTrue();
    assertThat(scheduled("s1").message()).isEqualTo(placementTag("s1").orElseThrow());
    assertThat(parts.placement().capacity())
        .extracting(EnvironmentCapacity::used)
        .containsExactly(9.5, 9.5);
  }

  @Test
  void noRoom_saleWaitsPendingWithInsufficientCores_withoutAnyArmCall_andIsCreatedWhenRoomFrees() {
    usages.limit(A, 0.5).limit(B, 0.5);
    start();
    desire("s1");
    desire("s2");
    await().atMost(SOON).until(() -> apps.count("put") == 2);
    apps.completeAll();
    await().atMost(SOON).until(() -> status("s1").phase() == Phase.RUNNING && status("s2").phase() == Phase.RUNNING);
    String freed = placementTag("s1").orElseThrow();

    desire("late");

    await().atMost(SOON).until(() -> status("late").condition(Condition.SCHEDULED).isPresent());
    SaleStatus late = status("late");
    assertThat(late.phase()).isEqualTo(Phase.PENDING);
    assertThat(scheduled("late").isTrue()).isFalse();
    assertThat(scheduled("late").reason()).isEqualTo("InsufficientCores");
    assertThat(scheduled("late").message())
        .contains("env-a 0.5/0.5 cores used")
        .contains("env-b 0.5/0.5 cores used");
    int calls = apps.calls().size();
    long reads = usages.reads();
    await().during(Duration.ofMillis(500)).atMost(SOON).until(() -> apps.calls().size() == calls);
    assertThat(usages.reads()).isEqualTo(reads);
    assertThat(apps.app("sale-late")).isEmpty();

    store.delete(new SaleId("s1"), Optional.empty());
    await().atMost(SOON).until(() -> apps.count("delete") == 1);
    apps.completeAll(); // the app is gone: its cores are free

    await().atMost(SOON).until(() -> apps.app("sale-late").isPresent());
    assertThat(placementTag("late")).contains(freed);
  }

  @Test
  void quotaRefusedByAzure_landsInInsufficientCores_andRereadsThatEnvironment() {
    usages.limit(A, 1).limit(B, 0);
    start();
    long reads = usages.reads(A);
    apps.failNext(
        ArmException.fromResponse(
            "put app sale-s1 failed: 400 : Maximum Allowed Cores exceeded for the Managed Environment.",
            400, "", null, null));

    desire("s1");

    await().atMost(SOON).until(() -> status("s1").condition(Condition.SCHEDULED).isPresent()
        && !status("s1").condition(Condition.SCHEDULED).get().isTrue());
    assertThat(scheduled("s1").reason()).isEqualTo("InsufficientCores");
    assertThat(status("s1").phase()).isEqualTo(Phase.PENDING);
    assertThat(usages.reads(A)).isEqualTo(reads + 1);
    assertThat(apps.count("put")).isEqualTo(1);

    parts.resync().run(); // a resync believes the report again: one more try

    await().atMost(SOON).until(() -> apps.app("sale-s1").isPresent());
  }

  @Test
  void quotaRefusedByAzure_withRoomElsewhere_theSaleIsCreatedThereAtOnce() {
    usages.limit(A, 1).limit(B, 1);
    start();
    apps.failNext(
        ArmException.fromResponse(
            "Maximum Allowed Cores exceeded for the Managed Environment.", 409, "OperationNotAllowed", null, null));

    desire("s1");

    await().atMost(SOON).until(() -> apps.app("sale-s1").isPresent());
    assertThat(placementTag("s1")).contains(B.toString()); // A (listed first) refused it
    assertThat(apps.count("put")).isEqualTo(2);
  }

  @Test
  void restart_keepsEveryPlacement_andWritesNothing() {
    usages.limit(A, 2).limit(B, 2);
    start();
    for (int i = 0; i < 6; i++) {
      desire("s" + i);
    }
    await().atMost(SOON).until(() -> apps.count("put") == 6);
    apps.completeAll();
    await().atMost(SOON).until(() -> parts.board().all().stream().allMatch(s -> s.phase() == Phase.RUNNING));
    Map<String, String> before = tags();
    parts.controller().close();
    long puts = apps.count("put");

    start();

    await().atMost(SOON).until(() -> parts.board().all().size() == 6
        && parts.board().all().stream().allMatch(s -> s.phase() == Phase.RUNNING
            && s.condition(Condition.SCHEDULED).map(Condition::isTrue).orElse(false)));
    assertThat(tags()).isEqualTo(before);
    assertThat(apps.count("put")).isEqualTo(puts);
    for (int i = 0; i < 6; i++) {
      assertThat(scheduled("s" + i).message()).isEqualTo(before.get("s" + i));
    }
    assertThat(parts.placement().capacity())
        .extracting(EnvironmentCapacity::sales)
        .containsExactly(3, 3);
  }

  private Map<String, String> tags() {
    var tags = new java.util.TreeMap<String, String>();
    for (int i = 0; i < 6; i++) {
      tags.put("s" + i, placementTag("s" + i).orElseThrow());
    }
    return tags;
  }
}
