package com.arcal.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.controller.reconcile.Ownership;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import com.arcal.controller.status.HistoryAction;
import com.arcal.controller.store.InMemoryDesiredStateStore;
import com.arcal.emulator.runtime.RuntimeSettings;
import com.azure.resourcemanager.appcontainers.ContainerAppsApiManager;
import com.azure.resourcemanager.appcontainers.fluent.models.ContainerAppInner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller against the emulator, engines inside the JVM: the reconcile paths end to end. */
class ControllerIT {
  private static final Duration CONVERGE = Duration.ofSeconds(30);

  @TempDir Path dir;
  private EmulatedAzure azure;
  private InMemoryDesiredStateStore store;
  private TestOrchestrator orchestrator;

  @BeforeEach
  void setUp() {
    azure = EmulatedAzure.start(dir.resolve("emulator"), RuntimeSettings.Mode.IN_PROCESS, Duration.ofMillis(200));
    store = new InMemoryDesiredStateStore(TestOrchestrator.NAMING, Clock.systemUTC(), false);
    orchestrator = new TestOrchestrator(azure, store).start();
  }

  @AfterEach
  void tearDown() {
    orchestrator.close();
    azure.close();
  }

  private void desire(String sale, Map<String, String> config) {
    store.put(new SaleId(sale), SaleSpec.ofConfig(config), Optional.empty());
  }

  private Optional<ContainerAppInner> app(String name) {
    ContainerAppsApiManager sdk = azure.sdk();
    return sdk.serviceClient().getContainerApps().listByResourceGroup(EmulatedAzure.GROUP).stream()
        .filter(a -> a.name().equals(name))
        .findFirst();
  }

  @Test
  void desiredSalesBecomeRunningWithAConnectableWebSocket() throws Exception {
    desire("vente-01", Map.of("lots", "12"));
    desire("vente-02", Map.of());

    await().atMost(CONVERGE).until(() -> orchestrator.running("vente-01") && orchestrator.running("vente-02"));

    String wsUrl = orchestrator.status("vente-01").orElseThrow().wsUrl();
    CompletableFuture<String> hello = new CompletableFuture<>();
    WebSocket ws =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(
                URI.create(wsUrl),
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    hello.complete(data.toString());
                    return null;
                  }
                })
            .get(5, TimeUnit.SECONDS);
    assertThat(hello.get(5, TimeUnit.SECONDS)).contains("vente-01").contains("RUNNING");
    ws.abort();
    ContainerAppInner app = app("sale-vente-01").orElseThrow();
    assertThat(app.tags()).containsEntry(Ownership.MANAGED_BY, "it-fleet").containsEntry(Ownership.SALE_ID, "vente-01");
    assertThat(app.configuration().ingress().additionalPortMappings())
        .singleElement()
        .satisfies(m -> assertThat(m.external()).isFalse());
  }

  @Test
  void specChangeRollsANewRevisionAndRestartsTheSale() {
    desire("vente-01", Map.of("lots", "1"));
    await().atMost(CONVERGE).until(() -> orchestrator.running("vente-01"));
    String firstRevision = app("sale-vente-01").orElseThrow().latestRevisionName();

    desire("vente-01", Map.of("lots", "2"));

    await().atMost(CONVERGE)
        .until(() -> orchestrator.running("vente-01")
            && orchestrator.status("vente-01").orElseThrow().observedGeneration() == 2);
    assertThat(app("sale-vente-01").orElseThrow().latestRevisionName()).isNotEqualTo(firstRevision);
  }

  @Test
  void removedSaleIsDeletedAndOrphansAreCollected() {
    desire("vente-01", Map.of());
    await().atMost(CONVERGE).until(() -> orchestrator.running("vente-01"));
    // An app of ours that no desired sale wants (left by a crash, say).
    azure.sdk().serviceClient().getContainerApps().createOrUpdate(
        EmulatedAzure.GROUP, "sale-orphan", orphanLike(app("sale-vente-01").orElseThrow()));

    store.delete(new SaleId("vente-01"), Optional.empty());

    await().atMost(CONVERGE).until(() -> app("sale-vente-01").isEmpty() && app("sale-orphan").isEmpty());
    await().atMost(CONVERGE).until(() -> orchestrator.status("vente-01").isEmpty());
  }

  @Test
  void foreignAppsAreNeverTouched() {
    ContainerAppInner foreign = orphanLike(null);
    foreign.withTags(Map.of("team", "someone-else"));
    azure.sdk().serviceClient().getContainerApps().createOrUpdate(EmulatedAzure.GROUP, "sale-theirs", foreign);

    orchestrator.parts.resync().run();
    desire("vente-01", Map.of());
    await().atMost(CONVERGE).until(() -> orchestrator.running("vente-01"));

    assertThat(app("sale-theirs")).isPresent();
  }

  @Test
  void appDeletedOutOfBandIsRecreated() {
    desire("vente-01", Map.of());
    await().atMost(CONVERGE).until(() -> orchestrator.running("vente-01"));

    azure.sdk().serviceClient().getContainerApps().delete(EmulatedAzure.GROUP, "sale-vente-01");

    await().atMost(CONVERGE).until(() -> app("sale-vente-01").isPresent() && orchestrator.running("vente-01"));
    assertThat(orchestrator.status("vente-01").orElseThrow().history())
        .filteredOn(h -> h.action() == HistoryAction.CREATED)
        .hasSize(2);
  }

  @Test
  void massDeletionIsHeldUntilConfirmed() {
    for (int i = 0; i < 8; i++) {
      desire("s" + i, Map.of());
    }
    await().atMost(CONVERGE).until(() -> orchestrator.parts.board().all().stream().filter(s -> s.wsUrl() != null).count() == 8);

    store.replace(Map.of(), store.snapshot().version());

    await().atMost(CONVERGE).until(() -> orchestrator.parts.deletions().held().size() == 8);
    orchestrator.parts.resync().run();
    assertThat(app("sale-s0")).isPresent();

    orchestrator.parts.deletions().confirm();

    await().atMost(CONVERGE).until(() -> app("sale-s0").isEmpty() && app("sale-s7").isEmpty());
  }

  @Test
  void manyOperationsInFlightAreObservedByListsNotOneGetEach() {
    int sales = 30;
    for (int i = 0; i < sales; i++) {
      desire("bulk" + i, Map.of());
    }
    await().atMost(CONVERGE)
        .until(() -> orchestrator.parts.board().all().stream().filter(s -> s.wsUrl() != null).count() == sales);

    long gets = azure.emulator.stats().count(k -> k.method().equals("GET") && k.route().equals("containerApp"));
    long puts = azure.emulator.stats().count(k -> k.method().equals("PUT"));
    assertThat(puts).isEqualTo(sales);
    assertThat(gets).as("per-app GETs while %d creations were in flight", sales).isLessThan(sales);
  }

  /** A body like an app of ours, for tests that act behind the controller's back. */
  private ContainerAppInner orphanLike(ContainerAppInner model) {
    ContainerAppInner base = model != null ? model : app("sale-vente-01").orElse(null);
    if (base == null) {
      desire("seed", Map.of());
      await().atMost(CONVERGE).until(() -> app("sale-seed").isPresent());
      base = app("sale-seed").orElseThrow();
    }
    Map<String, String> tags = new HashMap<>(base.tags());
    tags.put(Ownership.SALE_ID, "orphan");
    return new ContainerAppInner()
        .withLocation(base.location())
        .withTags(tags)
        .withManagedEnvironmentId(base.managedEnvironmentId())
        .withConfiguration(base.configuration())
        .withTemplate(base.template());
  }
}
