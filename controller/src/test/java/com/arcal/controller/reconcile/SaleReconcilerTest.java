package com.arcal.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.EnvironmentId;
import com.arcal.controller.azure.ProvisioningState;
import com.arcal.controller.azure.RevisionHealth;
import com.arcal.controller.endpoint.BuyerUrls;
import com.arcal.controller.endpoint.EngineEndpoints;
import com.arcal.controller.engine.EngineAddress;
import com.arcal.controller.fake.FakeContainerApps;
import com.arcal.controller.fake.FakeEngines;
import com.arcal.controller.fake.FakeEnvironmentUsages;
import com.arcal.controller.fake.MutableClock;
import com.arcal.controller.heal.HealGate;
import com.arcal.controller.heal.HealSettings;
import com.arcal.controller.placement.CoreLedger;
import com.arcal.controller.placement.Placement;
import com.arcal.controller.placement.Unlimited;
import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.SaleDefaults;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import com.arcal.controller.secret.EngineSecrets;
import com.arcal.controller.secret.Secret;
import com.arcal.controller.status.Condition;
import com.arcal.controller.status.HistoryAction;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.SaleStatus;
import com.arcal.controller.status.StatusBoard;
import com.arcal.controller.store.InMemoryDesiredStateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SaleReconcilerTest {
  private static final SaleId SALE = new SaleId("vente-01");
  private static final EnvironmentId ENV = new EnvironmentId("sub", "rg", "env");
  private static final String APP = "sale-vente-01";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final AppNaming naming = new AppNaming("sale-");
  private final ControllerSettings settings =
      ControllerSettings.builder(
              "test-fleet", naming, new SaleDefaults("arcal/engine:local", "0.5", "1Gi"))
          .workers(1)
          .pollInterval(Duration.ofSeconds(1))
          .engineHealing(Duration.ofSeconds(30), Duration.ofSeconds(60))
          .build();
  private final FakeContainerApps apps = new FakeContainerApps();
  /** ARM's view of a crash-looping engine: its container waits for its next restart. */
  private static final RevisionHealth BROKEN =
      new RevisionHealth("Unhealthy", "Degraded", 1, List.of(
          new RevisionHealth.ContainerState("engine", false, false, 3, "Waiting", "back-off restarting")));
  private final FakeEngines engines = new FakeEngines();
  private final List<SaleId> unhealthy = new ArrayList<>();
  private InMemoryDesiredStateStore store;
  private ObservedApps fleet;
  private StatusBoard board;
  private HeldDeletions deletions;
  private final List<SaleId> confirmed = new ArrayList<>();
  private SaleReconciler reconciler;
  private EngineSecrets secrets;

  @BeforeEach
  void setUp() {
    store = new InMemoryDesiredStateStore(naming, clock, false);
    fleet = new ObservedApps();
    board =
        new StatusBoard(clock, id -> SaleStatus.initial(id, naming.appName(id), 0, clock.instant()));
    Ownership ownership = new Ownership(settings.managedBy());
    AppSpecs specs = new AppSpecs(naming, settings.defaults(), ownership);
    deletions =
        new HeldDeletions(
            new DeletionBrake(settings.brake()), store, fleet, ownership, confirmed::add);
    reconciler = reconcilerWith(new EngineSecrets(apps::secret));
    fleet.relist(apps);
  }

  /** A reconciler as a freshly started orchestrator has it: knowing no engine token. */
  private SaleReconciler reconcilerWith(EngineSecrets engineSecrets) {
    return reconcilerWith(engineSecrets, new Unlimited(ENV));
  }

  private SaleReconciler reconcilerWith(EngineSecrets engineSecrets, Placement placement) {
    secrets = engineSecrets;
    Ownership ownership = new Ownership(settings.managedBy());
    AppSpecs specs = new AppSpecs(naming, settings.defaults(), ownership);
    HealthWatches watches = new HealthWatches(engines, unhealthy::add);
    return
        new SaleReconciler(
            store,
            fleet,
            new Planner(ownership, specs),
            specs,
            apps,
            engines,
            new EngineEndpoints(BuyerUrls.ingress()),
            board,
            watches,
            deletions,
            new RolloutGate(store, fleet, ownership, specs, board, naming, settings.rollout(), clock,
                id -> {}, Duration.ofSeconds(1)),
            new EngineConvergence(
                engines, secrets, apps, fleet, board, watches,
                new HealGate(apps, HealSettings.defaults(), () -> fleet.apps().size(), clock),
                settings, clock),
            secrets,
            settings,
            placement,
            clock,
            AppPool.NONE);
  }

  private void desire(SaleId id, Map<String, String> config) {
    store.put(id, SaleSpec.ofConfig(config), Optional.empty());
  }

  private Phase phase(SaleId id) {
    return board.get(id).orElseThrow().phase();
  }

  private EngineAddress engineOf(String app) {
    AppObservation a = apps.app(app).orElseThrow();
    return new EngineAddress(a.name(), 50051);
  }

  @Test
  void createsThenStartsThenIsRunning() {
    desire(SALE, Map.of("lots", "3"));

    Result first = reconciler.reconcile(SALE);
    assertThat(first.requeueAfter()).isPresent();
    assertThat(apps.count("put")).isEqualTo(1);
    assertThat(phase(SALE)).isEqualTo(Phase.PROVISIONING);

    Result waiting = reconciler.reconcile(SALE);
    assertThat(waiting.requeueAfter()).isPresent();
    assertThat(apps.count("put")).as("never PUT twice while in flight").isEqualTo(1);

    apps.completeAll();
    Result started = reconciler.reconcile(SALE);
    assertThat(started.requeueAfter()).isEmpty();
    assertThat(phase(SALE)).isEqualTo(Phase.RUNNING);
    assertThat(board.get(SALE).orElseThrow().wsUrl()).isEqualTo("wss://sale-vente-01.test.local/");
    assertThat(engines.calls()).anyMatch(c -> c.startsWith("start"));

    int putsBefore = (int) apps.count("put");
    reconciler.reconcile(SALE);
    assertThat(apps.count("put")).as("converged: no write").isEqualTo(putsBefore);
  }

  private Secret tokenInAzure(String app) {
    return apps.storedSecret(app, EngineSecrets.SECRET_NAME).orElseThrow();
  }

  @Test
  void anAppInAnEnvironmentClosedToNewSales_isLeftAsItIs_itsEngineNeverDialled() {
    desire(SALE, Map.of());
    reconciler.reconcile(SALE);
    apps.completeAll();
    reconciler = reconcilerWith(new EngineSecrets(apps::secret),
        new CoreLedger(List.of(ENV), Map.of(ENV, "engines not reachable from env-0"),
            new FakeEnvironmentUsages(apps), id -> {}));

    Result pass = reconciler.reconcile(SALE);

    assertThat(pass.requeueAfter()).as("looked at again on the next resync").isEmpty();
    assertThat(engines.calls()).as("no gRPC attempt: no heal, no partition counted").isEmpty();
    assertThat(apps.count("put")).isEqualTo(1);
    assertThat(board.get(SALE).orElseThrow().condition(Condition.ENGINE_REACHABLE)).hasValueSatisfying(c -> {
      assertThat(c.status()).isEqualTo("Unknown");
      assertThat(c.reason()).isEqualTo("EnvironmentClosed");
      assertThat(c.message()).isEqualTo("its engine is in env, closed: engines not reachable from env-0");
    });
  }

  @Test
  void aNewApp_getsItsOwnToken_andTheEngineIsDrivenWithIt() {
    desire(SALE, Map.of());
    reconciler.reconcile(SALE);
    apps.completeAll();
    Secret token = tokenInAzure(APP);
    engines.requireToken(engineOf(APP), token);

    reconciler.reconcile(SALE);

    assertThat(phase(SALE)).isEqualTo(Phase.RUNNING);
    assertThat(engines.presented(engineOf(APP))).contains(token);
    assertThat(apps.count("secrets")).as("a token we generated is never read back").isZero();
    assertThat(apps.app(APP).orElseThrow().secretEnv()).containsExactly(EngineSecrets.ENV);
    assertThat(board.get(SALE).orElseThrow().toString()).doesNotContain(token.reveal());
  }

  @Test
  void afterARestart_theTokenIsReadBackOnce_notOnEveryPass() {
    desire(SALE, Map.of());
    reconciler.reconcile(SALE);
    apps.completeAll();
    reconciler.reconcile(SALE);
    engines.requireToken(engineOf(APP), tokenInAzure(APP));
    long readsBefore = apps.count("secrets");

    reconciler = reconcilerWith(new EngineSecrets(apps::secret));
    board.update(SALE, s -> s.withPhase(Phase.STARTING, null));
    for (int pass = 0; pass < 3; pass++) {
      reconciler.reconcile(SALE);
    }

    assertThat(phase(SALE)).isEqualTo(Phase.RUNNING);
    assertThat(apps.count("secrets") - readsBefore).isEqualTo(1);
    assertThat(engines.calls().stream().filter(c -> c.startsWith("get")).count()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void anUpdate_keepsTheAppsToken_evenAfterARestart() {
    desire(SALE, Map.of("lots", "1"));
    reconciler.reconcile(SALE);
    apps.completeAll();
    reconciler.reconcile(SALE);
    Secret token = tokenInAzure(APP);

    reconciler = reconcilerWith(new EngineSecrets(apps::secret));
    desire(SALE, Map.of("lots", "2"));
    reconciler.reconcile(SALE);

    assertThat(apps.count("put")).isEqualTo(2);
    assertThat(tokenInAzure(APP)).as("the update did not roll the token").isEqualTo(token);
  }

  @Test
  void anAdoptedAppWithoutAToken_isDrivenWithoutOne_untilItsNextUpdateGivesItOne() {
    desire(SALE, Map.of("lots", "1"));
    reconciler.reconcile(SALE);
    apps.completeAll();
    AppObservation created = apps.app(APP).orElseThrow();
    apps.seed(new AppObservation(created.name(), created.tags(), created.state(), created.latestRevisionName(),
        created.ingressFqdn(), created.additionalPorts(), created.image(), created.env(), Set.of()));
    fleet.relist(apps);

    reconciler.reconcile(SALE);
    assertThat(phase(SALE)).isEqualTo(Phase.RUNNING);
    assertThat(apps.count("put")).as("no restart just for a token").isEqualTo(1);
    assertThat(apps.count("secrets")).isZero();
    assertThat(engines.presented(engineOf(APP))).isEmpty();

    desire(SALE, Map.of("lots", "2"));
    reconciler.reconcile(SALE);
    assertThat(apps.count("put")).isEqualTo(2);
    assertThat(apps.app(APP).orElseThrow().secretEnv()).containsExactly(EngineSecrets.ENV);
  }

  @Test
  void anEngineRefusingOurToken_isReported_thenTheTokenIsReadAgain() {
    desire(SALE, Map.of());
    reconciler.reconcile(SALE);
    apps.completeAll();
    reconciler.reconcile(SALE);
    Secret changed = Secret.of("changed-by-hand-0123456789");
    apps.setSecretOutOfBand(APP, EngineSecrets.SECRET_NAME, changed);
    engines.requireToken(engineOf(APP), changed);
    board.update(SALE, s -> s.withPhase(Phase.STARTING, null));

    Result refused = reconciler.reconcile(SALE);
    assertThat(refused.backoff()).isTrue();
    assertThat(board.get(SALE).orElseThrow().lastError()).contains("UNAUTHENTICATED");

    reconciler.reconcile(SALE);
    assertThat(phase(SALE)).isEqualTo(Phase.RUNNING);
    assertThat(engines.presented(engineOf(APP))).contains(changed);
  }

  @Test
  void opensTheEngineConnectionWhileTheAppIsProvisioning() {
    desire(SALE, Map.of());
    reconciler.reconcile(SALE);
    assertThat(engines.calls()).as("the PUT pass only writes").isEmpty();

    reconciler.reconcile(SALE);
    assertThat(engines.calls()).containsExactly("connect " + engineOf(APP));
    assertThat(phase(SALE)).isEqualTo(Phase.PROVISIONING);
  }

  @Test
  void specChangeUpdatesTheApp() {
    desire(SALE, Map.of("lots", "3"));
    reconciler.reconcile(SALE);
    apps.completeAll();
    reconciler.reconcile(SALE);

    desire(SALE, Map.of("lots", "4"));
    reconciler.reconcile(SALE);

    assertThat(apps.count("put")).isEqualTo(2);
    assertThat(apps.app(APP).orElseThrow().tags()).containsEntry(Ownership.GENERATION, "2");
    assertThat(phase(SALE)).isEqualTo(Phase.PROVISIONING);
  }

  @Test
  void aSpecChange_waitsWhileBuyersAreConnected_andGoesWhenTheyLeave() {
    desire(SALE, Map.of("lots", "3"));
    reconciler.reconcile(SALE);
    apps.completeAll();
    reconciler.reconcile(SALE);
    assertThat(phase(SALE)).isEqualTo(Phase.RUNNING);
    engines.buyers(engineOf(APP), 2);

    desire(SALE, Map.of("lots", "4"));
    Result held = reconciler.reconcile(SALE);

    assertThat(apps.count("put")).as("no restart while buyers are connected").isEqualTo(1);
    assertThat(held.requeueAfter()).isPresent();
    assertThat(board.get(SALE).orElseThrow().condition(RolloutGate.UPDATE_HELD).orElseThrow().message())
        .contains("2 buyers connected");

    assertThat(phase(SALE)).as("still Running at the generation its app has").isEqualTo(Phase.RUNNING);
    assertThat(board.get(SALE).orElseThrow().observedGeneration()).isEqualTo(1);

    engines.buyers(engineOf(APP), 0);
    reconciler.reconcile(SALE);

    assertThat(apps.count("put")).isEqualTo(2);
    assertThat(board.get(SALE).orElseThrow().condition(RolloutGate.UPDATE_HELD)).isEmpty();
  }

  @Test
  void aHeldUpdate_afterARestart_stillShowsTheEngineRunningItsOldGeneration() {
    desire(SALE, Map.of("lots", "3"));
    reconciler.reconcile(SALE);
    apps.completeAll();
    reconciler.reconcile(SALE);
    engines.buyers(engineOf(APP), 1);
    desire(SALE, Map.of("lots", "4"));
    board = new StatusBoard(clock, id -> SaleStatus.initial(id, naming.appName(id), 0, clock.instant()));
    reconciler = reconcilerWith(new EngineSecrets(apps::secret));

    reconciler.reconcile(SALE); // presumed live: its buyers are read, the update waits
    reconciler.reconcile(SALE);

    assertThat(apps.count("put")).isEqualTo(1);
    assertThat(phase(SALE)).isEqualTo(Phase.RUNNING);
    assertThat(board.get(SALE).orElseThrow().observedGeneration()).isEqualTo(1);
  }

  @Test
  void aDeletionJustAfterARestart_spendsNoArmWriteOnReadingTheToken() {
    desire(SALE, Map.of());
    reconciler.reconcile(SALE);
    apps.completeAll();
    reconciler.reconcile(SALE);
    reconciler = reconcilerWith(new EngineSecrets(apps::secret));

    store.delete(SALE, Optional.empty());
    reconciler.reconcile(SALE);

    assertThat(apps.count("delete")).isEqualTo(1);
    assertThat(apps.count("secrets")).isZero();
    assertThat(engines.calls()).noneMatch(c -> c.startsWith("stop"));
  }

  @Test
  void removedSaleIsStoppedAndDeleted() {
    desire(SALE, Map.of());
    reconciler.reconcile(SALE);
    apps.completeAll();
    reconciler.reconcile(SALE);

    store.delete(SALE, Optional.empty());
    reconciler.reconcile(SALE);

    assertThat(apps.count("delete")).isEqualTo(1);
    assertThat(engines.calls()).anyMatch(c -> c.startsWith("stop"));
    apps.completeAll();
    reconciler.reconcile(SALE);
    assertThat(board.get(SALE)).isEmpty();
  }

  @Test
  void foreignAppIsNeverTouched() {
    apps.seed(
        new AppObservation(APP, Map.of(), ProvisioningState.SUCCEEDED, "r", "", List.of(), "x", Map.of(), Set.of()));
    fleet.relist(apps);
    desire(SALE, Map.of());

    reconciler.reconcile(SALE);

    assertThat(apps.count("put")).isZero();
    assertThat(phase(SALE)).isEqualTo(Phase.FAILED);
    assertThat(board.get(SALE).orElseThrow().lastError()).contains("not managed by this orchestrator");
  }

  @Test
  void engineRestartIsHealedWithStartSale() {
    desire(SALE, Map.of());
    reconciler.reconcile(SALE);
    apps.completeAll();
    reconciler.reconcile(SALE);

    engines.crash(engineOf(APP));
    assertThat(unhealthy).containsExactly(SALE);
    reconciler.reconcile(SALE);

    assertThat(phase(SALE)).isEqualTo(Phase.RUNNING);
    assertThat(board.get(SALE).orElseThrow().history()).anyMatch(h -> h.action() == HistoryAction.HEALED);
  }

  @Test
  void engineRestartIsHealed_evenWhenTheFirstStartSalesAnswerWasLost() {
    desire(SALE, Map.of());
    reconciler.reconcile(SALE);
    apps.completeAll();
    engines.loseStartAnswers(engineOf(APP), true);
    reconciler.reconcile(SALE);
    engines.loseStartAnswers(engineOf(APP), false);
    reconciler.reconcile(SALE);
    assertThat(phase(SALE)).as("found running by GetSale").isEqualTo(Phase.RUNNING);

    engines.crash(engineOf(APP));
    reconciler.reconcile(SALE);

    assertThat(phase(SALE)).isEqualTo(Phase.RUNNING);
    assertThat(board.get(SALE).orElseThrow().history()).extracting(h -> h.action())
        .containsExactly(HistoryAction.CREATED, HistoryAction.HEALED);
  }

  @Test
  void refusedStartSaleIsReportedAndRetriedUntilTheEngineAccepts() {
    desire(SALE, Map.of());
    reconciler.reconcile(SALE);
    apps.completeAll();
    engines.refuseStarts(engineOf(APP), true);

    Result refused = reconciler.reconcile(SALE);

    assertThat(refused.backoff()).isTrue();
    assertThat(phase(SALE)).isEqualTo(Phase.STARTING);
    var condition = board.get(SALE).orElseThrow().condition("SaleRunning").orElseThrow();
    assertThat(condition.reason()).isEqualTo("StartRefused");
    assertThat(condition.message()).contains("FAILED_PRECONDITION");

    engines.refuseStarts(engineOf(APP), false);
    reconciler.reconcile(SALE);
    assertThat(phase(SALE)).isEqualTo(Phase.RUNNING);
    assertThat(board.get(SALE).orElseThrow().lastError()).isNull();
  }

  @Test
  void unreachableEngineRestartsTheRevisionThenRecreatesTheApp_whenArmSaysItIsBroken() {
    desire(SALE, Map.of());
    reconciler.reconcile(SALE);
    apps.completeAll();
    reconciler.reconcile(SALE);
    engines.unreachable(engineOf(APP), true);
    apps.revisionHealth(APP, BROKEN);

    reconciler.reconcile(SALE);
    assertThat(phase(SALE)).isEqualTo(Phase.STARTING);
    clock.advance(Duration.ofSeconds(31));
    reconciler.reconcile(SALE);
    assertThat(apps.count("restart")).isEqualTo(1);

    clock.advance(Duration.ofSeconds(61));
    reconciler.reconcile(SALE);
    assertThat(apps.count("delete")).as("one heal per 5 minutes for a fleet of one").isZero();
    var deferred = board.get(SALE).orElseThrow().condition("HealDeferred").orElseThrow();
    assertThat(deferred.reason()).isEqualTo("HealBudgetExhausted");
    assertThat(deferred.message()).startsWith("recreate app waits: heal budget spent (1 per window)");

    clock.advance(Duration.ofMinutes(4));
    reconciler.reconcile(SALE);
    assertThat(apps.count("delete")).as("recreated after the restart did not help").isEqualTo(1);
    apps.completeAll();
    reconciler.reconcile(SALE);
    assertThat(apps.count("put")).isEqualTo(2);
  }

  @Test
  void unreachableEngineThatArmSaysIsHealthy_isNotRestarted_andTheStatusSaysWhy() {
    desire(SALE, Map.of());
    reconciler.reconcile(SALE);
    apps.completeAll();
    reconciler.reconcile(SALE);
    engines.unreachable(engineOf(APP), true);

    reconciler.reconcile(SALE);
    clock.advance(Duration.ofSeconds(31));
    reconciler.reconcile(SALE);
    clock.advance(Duration.ofSeconds(200));
    reconciler.reconcile(SALE);

    assertThat(apps.count("restart")).isZero();
    assertThat(apps.count("delete")).isZero();
    var deferred = board.get(SALE).orElseThrow().condition("HealDeferred").orElseThrow();
    assertThat(deferred.reason()).isEqualTo("ArmReportsHealthy");
    assertThat(board.get(SALE).orElseThrow().history()).extracting(h -> h.action())
        .containsOnlyOnce(HistoryAction.DEFERRED);
    assertThat(apps.count("health")).as("ARM read only for the heal candidate, at most every 10 s").isEqualTo(2);
  }

  @Test
  void aPartition_showsEverySaleAsLastKnown_andHealsNothing_untilTheEnginesAnswerAgain() {
    List<SaleId> ids = IntStream.range(0, 5).mapToObj(i -> new SaleId("p" + i)).toList();
    ids.forEach(id -> {
      desire(id, Map.of());
      reconciler.reconcile(id);
    });
    apps.completeAll();
    fleet.relist(apps);
    ids.forEach(reconciler::reconcile);
    ids.forEach(id -> assertThat(phase(id)).isEqualTo(Phase.RUNNING));
    ids.forEach(id -> engines.unreachable(engineOf("sale-" + id.value()), true));

    ids.forEach(reconciler::reconcile);
    ids.forEach(reconciler::reconcile);
    clock.advance(Duration.ofSeconds(200));
    ids.forEach(reconciler::reconcile);

    assertThat(apps.count("restart")).isZero();
    assertThat(apps.count("delete")).isZero();
    assertThat(apps.count("health")).as("two samples, then no ARM read per engine").isEqualTo(2);
    for (SaleId id : ids) {
      SaleStatus s = board.get(id).orElseThrow();
      assertThat(s.phase()).as("last known").isEqualTo(Phase.RUNNING);
      var reachable = s.condition("EngineReachable").orElseThrow();
      assertThat(reachable.status()).isEqualTo("Unknown");
      assertThat(reachable.reason()).isEqualTo("OrchestratorPartitioned");
    }

    ids.forEach(id -> engines.unreachable(engineOf("sale-" + id.value()), false));
    ids.forEach(reconciler::reconcile);
    ids.forEach(id -> assertThat(board.get(id).orElseThrow().condition("EngineReachable").orElseThrow().isTrue()).isTrue());
  }

  @Test
  void anEngineOnlyPassingThroughUnreachable_costsNoArmRead() {
    desire(SALE, Map.of());
    reconciler.reconcile(SALE);
    apps.completeAll();
    reconciler.reconcile(SALE);
    engines.unreachable(engineOf(APP), true);
    reconciler.reconcile(SALE);
    clock.advance(Duration.ofSeconds(5));
    reconciler.reconcile(SALE);
    engines.unreachable(engineOf(APP), false);
    reconciler.reconcile(SALE);

    assertThat(phase(SALE)).isEqualTo(Phase.RUNNING);
    assertThat(apps.count("health")).isZero();
  }

  @Test
  void massDeletionIsHeldUntilConfirmed() {
    for (int i = 0; i < 10; i++) {
      SaleId id = new SaleId("s" + i);
      desire(id, Map.of());
      reconciler.reconcile(id);
    }
    apps.completeAll();
    fleet.relist(apps);
    for (int i = 0; i < 10; i++) {
      store.delete(new SaleId("s" + i), Optional.empty());
    }

    reconciler.reconcile(new SaleId("s0"));
    assertThat(apps.count("delete")).isZero();
    assertThat(deletions.held()).hasSize(10);
    assertThat(board.get(new SaleId("s0")).orElseThrow().condition("DeletionHeld")).isPresent();

    assertThat(deletions.confirm()).hasSize(10);
    assertThat(confirmed).as("the released sales are enqueued").hasSize(10);
    reconciler.reconcile(new SaleId("s0"));
    assertThat(apps.count("delete")).isEqualTo(1);
  }

  @Test
  void noDeletionWhileTheDesiredStateCannotBeRead() {
    desire(SALE, Map.of());
    reconciler.reconcile(SALE);
    apps.completeAll();
    store.delete(SALE, Optional.empty());
    store.reportProblem("line 1, column 9: unexpected end of input");

    reconciler.reconcile(SALE);

    assertThat(apps.count("delete")).isZero();
    assertThat(board.get(SALE).orElseThrow().condition("DeletionHeld").orElseThrow().reason())
        .isEqualTo("DesiredStateInvalid");
    store.clearProblem();
    reconciler.reconcile(SALE);
    assertThat(apps.count("delete")).isEqualTo(1);
  }

  @Test
  void fewDeletionsAreNotHeld() {
    for (int i = 0; i < 10; i++) {
      SaleId id = new SaleId("s" + i);
      desire(id, Map.of());
      reconciler.reconcile(id);
    }
    apps.completeAll();
    fleet.relist(apps);
    store.delete(new SaleId("s0"), Optional.empty());

    reconciler.reconcile(new SaleId("s0"));

    assertThat(apps.count("delete")).isEqualTo(1);
  }

  @Test
  void writeWithUnknownOutcomeIsReadBeforeWritingAgain() {
    desire(SALE, Map.of());
    apps.failNext(
        com.arcal.controller.azure.ArmException.noAnswer("timeout", true, null));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> reconciler.reconcile(SALE))
        .isInstanceOf(com.arcal.controller.azure.ArmException.class);

    reconciler.reconcile(SALE);

    assertThat(apps.calls()).containsSubsequence("put " + APP, "get " + APP, "put " + APP);
  }
}
