package com.arcal.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.controller.pool.PoolNaming;
import com.arcal.controller.pool.PoolView;
import com.arcal.controller.reconcile.Ownership;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import com.arcal.controller.status.HistoryAction;
import com.arcal.controller.status.SaleStatus;
import com.arcal.controller.store.InMemoryDesiredStateStore;
import com.arcal.emulator.runtime.RuntimeSettings;
import com.azure.resourcemanager.appcontainers.fluent.models.ContainerAppInner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm pool against the emulator, with Azure's create time set to {@link #CREATE}: a sale
 * that matches takes a ready engine and runs well before Azure could have created its app; a sale
 * that does not is created as before; deleting a sale deletes its pool app; after a restart the
 * bound app is still the sale's, and the pool refills.
 */
class WarmPoolIT {
  private static final Duration CREATE = Duration.ofSeconds(3);
  private static final Duration CONVERGE = Duration.ofSeconds(60);

  @TempDir Path dir;
  private EmulatedAzure azure;
  private InMemoryDesiredStateStore store;
  private TestOrchestrator orchestrator;

  @BeforeEach
  void setUp() {
    azure = EmulatedAzure.start(dir.resolve("emulator"), RuntimeSettings.Mode.IN_PROCESS, CREATE);
    store = new InMemoryDesiredStateStore(TestOrchestrator.NAMING, Clock.systemUTC(), false);
    orchestrator = new TestOrchestrator(azure, store, 2).start();
  }

  @AfterEach
  void tearDown() {
    orchestrator.close();
    azure.close();
  }

  private PoolView pool() {
    return orchestrator.parts.pool().view();
  }

  private List<ContainerAppInner> apps() {
    return azure.sdk().serviceClient().getContainerApps().listByResourceGroup(EmulatedAzure.GROUP)
        .stream().toList();
  }

  private Optional<ContainerAppInner> app(String name) {
    return apps().stream().filter(a -> a.name().equals(name)).findFirst();
  }

  @Test
  void aMatchingSale_takesAReadyEngine_runningSoonerThanAzureCreatesAnApp() {
    await().atMost(CONVERGE).until(() -> pool().ready() == 2);
    Map<String, String> revisions = apps().stream()
        .collect(Collectors.toMap(ContainerAppInner::name, ContainerAppInner::latestRevisionName));

    long t0 = System.nanoTime();
    store.put(new SaleId("warm-1"), SaleSpec.ofConfig(Map.of("lots", "3")), Optional.empty());
    await().atMost(CONVERGE).until(() -> orchestrator.running("warm-1"));
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(took).as("Running without waiting for a creation").isLessThan(CREATE);
    SaleStatus status = orchestrator.status("warm-1").orElseThrow();
    assertThat(status.appName()).startsWith(PoolNaming.PREFIX);
    assertThat(status.history()).anySatisfy(h -> assertThat(h.action()).isEqualTo(HistoryAction.BOUND));
    assertThat(app("sale-warm-1")).as("no app of its own").isEmpty();
    ContainerAppInner bound = app(status.appName()).orElseThrow();
    assertThat(bound.tags()).containsEntry(Ownership.SALE_ID, "warm-1").containsKey(Ownership.POOL);
    assertThat(bound.latestRevisionName()).as("tags only: same revision").isEqualTo(revisions.get(bound.name()));
    // The pool refills behind the sale.
    await().atMost(CONVERGE).until(() -> pool().ready() == 2 && pool().bound() == 1);
  }

  @Test
  void aSaleWithAnotherSize_isCreatedAsBefore() {
    await().atMost(CONVERGE).until(() -> pool().ready() == 2);
    store.put(new SaleId("big-1"), new SaleSpec(null, Map.of(), "1", "2Gi"), Optional.empty());

    await().atMost(CONVERGE).until(() -> orchestrator.running("big-1"));

    assertThat(orchestrator.status("big-1").orElseThrow().appName()).isEqualTo("sale-big-1");
    assertThat(pool().ready()).isEqualTo(2);
    assertThat(pool().bound()).isZero();
  }

  @Test
  void deletingABoundSale_deletesItsApp() {
    await().atMost(CONVERGE).until(() -> pool().ready() == 2);
    store.put(new SaleId("gone-1"), SaleSpec.ofConfig(Map.of()), Optional.empty());
    await().atMost(CONVERGE).until(() -> orchestrator.running("gone-1"));
    String appName = orchestrator.status("gone-1").orElseThrow().appName();

    store.delete(new SaleId("gone-1"), Optional.empty());

    await().atMost(CONVERGE).until(() -> app(appName).isEmpty() && orchestrator.status("gone-1").isEmpty());
  }

  @Test
  void afterARestart_theBoundAppIsStillTheSales_andNothingIsCreatedTwice() {
    await().atMost(CONVERGE).until(() -> pool().ready() == 2);
    store.put(new SaleId("kept-1"), SaleSpec.ofConfig(Map.of("lots", "1")), Optional.empty());
    await().atMost(CONVERGE).until(() -> orchestrator.running("kept-1"));
    String appName = orchestrator.status("kept-1").orElseThrow().appName();
    await().atMost(CONVERGE).until(() -> pool().ready() == 2);
    orchestrator.close();

    orchestrator = new TestOrchestrator(azure, store, 2).start();

    await().atMost(CONVERGE).until(() -> orchestrator.running("kept-1"));
    assertThat(orchestrator.status("kept-1").orElseThrow().appName()).isEqualTo(appName);
    assertThat(app("sale-kept-1")).isEmpty();
    await().atMost(CONVERGE).until(() -> pool().bound() == 1 && pool().ready() == 2);
    assertThat(apps()).hasSize(3);
  }
}
