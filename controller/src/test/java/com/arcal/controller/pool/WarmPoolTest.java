package com.arcal.controller.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.ArmException;
import com.arcal.controller.fake.FakeContainerApps;
import com.arcal.controller.fake.MutableClock;
import com.arcal.controller.reconcile.AppSpecs;
import com.arcal.controller.reconcile.ControllerSettings.BrakeSettings;
import com.arcal.controller.reconcile.DeletionBrake;
import com.arcal.controller.reconcile.HeldDeletions;
import com.arcal.controller.reconcile.ObservedApps;
import com.arcal.controller.reconcile.Ownership;
import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.InvalidSpecException;
import com.arcal.controller.sale.SaleDefaults;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import com.arcal.controller.secret.EngineSecrets;
import com.arcal.controller.store.InMemoryDesiredStateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The binding protocol against the hand-written Azure fake: a tags-only write binds, a crash at
 * any point leaves the app free or bound (never lost, never bound twice), unhealthy engines are
 * not handed out, and the keeper keeps the size.
 */
class WarmPoolTest {
  private static final AppNaming NAMING = new AppNaming("sale-");
  private static final SaleDefaults DEFAULTS = new SaleDefaults("arcal/engine:1", "0.5", "1Gi");
  private static final Ownership OWNERSHIP = new Ownership("fleet");
  private static final AppSpecs SPECS = new AppSpecs(NAMING, DEFAULTS, OWNERSHIP);
  private static final PoolMembers MEMBERS = new PoolMembers(OWNERSHIP);

  private final FakeContainerApps azure = new FakeContainerApps();
  private final Set<String> sickEngines = new HashSet<>();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T03:00:00Z"));
  private boolean salesIdle = true;
  /** One orchestrator process: replaced by {@link #restart}, Azure stays. */
  private Process proc = new Process(2);

  private final class Process {
    final ObservedApps observed = new ObservedApps();
    final EngineSecrets secrets = new EngineSecrets((app, name) -> Optional.empty());
    final HeldDeletions deletions =
        new HeldDeletions(new DeletionBrake(BrakeSettings.defaults()), new InMemoryDesiredStateStore(NAMING),
            observed, OWNERSHIP, id -> {});
    final WarmPool pool;
    final PoolKeeper keeper;

    Process(int size) {
      pool = new WarmPool(azure, observed, MEMBERS, new PoolSpec(SPECS, DEFAULTS, "fleet"), SPECS,
          app -> !sickEngines.contains(app.name()), new PoolNaming(NAMING, new SplittableRandom(1)), size);
      keeper = new PoolKeeper(pool, MEMBERS, azure, observed, deletions, secrets, () -> true, () -> salesIdle,
          Duration.ofMillis(100), clock);
      observed.relist(azure);
    }
  }

  private void restart(int size) {
    proc = new Process(size);
  }

  /** Fills the pool and lets Azure finish. */
  private void fill() {
    for (int i = 0; i < proc.pool.size(); i++) {
      assertThat(proc.keeper.tick()).startsWith("created pool-");
    }
    azure.completeAll();
    proc.observed.relist(azure);
  }

  private static DesiredSale sale(String id) {
    return new DesiredSale(new SaleId(id), SaleSpec.ofConfig(Map.of("lot", id)), 1);
  }

  private static List<AppObservation> poolApps(FakeContainerApps azure) {
    return azure.list().stream().filter(MEMBERS::isMember).toList();
  }

  @Test
  void claim_bindsAReadyAppByItsTagsOnly_keepingItsRevision() {
    fill();
    AppObservation before = poolApps(azure).get(0);

    AppObservation bound = proc.pool.claim(sale("vente-01")).orElseThrow();

    assertThat(bound.name()).isEqualTo(before.name());
    assertThat(azure.calls()).contains("tags " + before.name());
    assertThat(azure.calls().stream().filter(c -> c.equals("put " + before.name()))).hasSize(1); // its creation only
    AppObservation inAzure = azure.app(before.name()).orElseThrow();
    assertThat(inAzure.tags())
        .containsEntry(Ownership.SALE_ID, "vente-01")
        .containsEntry(Ownership.SPEC_HASH, SPECS.hash(sale("vente-01")))
        .containsEntry(PoolMembers.POOL, before.tags().get(PoolMembers.POOL));
    azure.completeAll();
    assertThat(azure.app(before.name()).orElseThrow().latestRevisionName())
        .as("tags only: same revision").isEqualTo(before.latestRevisionName());
    assertThat(proc.pool.appOf(new SaleId("vente-01"))).contains(before.name());
  }

  @Test
  void aSaleWithAnotherSpec_orAnEmptyPool_isNotBound() {
    DesiredSale otherImage = new DesiredSale(new SaleId("big"), new SaleSpec("other:2", Map.of(), null, null), 1);
    assertThat(proc.pool.claim(sale("early"))).as("nothing ready yet").isEmpty();
    fill();
    int calls = azure.calls().size();

    assertThat(proc.pool.claim(otherImage)).isEmpty();
    assertThat(proc.pool.claim(new DesiredSale(new SaleId("cpu"), new SaleSpec(null, Map.of(), "1", null), 1))).isEmpty();
    assertThat(azure.calls()).hasSize(calls);
    assertThat(proc.pool.claim(sale("default-spec"))).isPresent();
  }

  @Test
  void eachReadyAppGoesToOneSaleOnly_evenWhenWorkersClaimTogether() throws Exception {
    fill();
    ExecutorService workers = Executors.newFixedThreadPool(3);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Optional<AppObservation>>> claims = List.of("a-1", "a-2", "a-3").stream()
          .map(id -> workers.submit(() -> {
            go.await();
            return proc.pool.claim(sale(id));
          }))
          .toList();
      go.countDown();
      List<String> names = new java.util.ArrayList<>();
      for (Future<Optional<AppObservation>> c : claims) {
        c.get().ifPresent(a -> names.add(a.name()));
      }
      assertThat(names).hasSize(2).doesNotHaveDuplicates();
    } finally {
      workers.shutdownNow();
    }
    assertThat(poolApps(azure)).allSatisfy(a -> assertThat(a.tags()).containsKey(Ownership.SALE_ID));
  }

  @Test
  void crashBeforeTheTagsAreWritten_leavesTheAppFree() {
    fill();
    azure.failNext(ArmException.fromResponse("refused", 409, "Conflict", null, null));
    assertThatThrownBy(() -> proc.pool.claim(sale("lost-1"))).isInstanceOf(ArmException.class);

    restart(2);
    assertThat(poolApps(azure)).allSatisfy(a -> assertThat(MEMBERS.isFree(a)).isTrue());
    assertThat(proc.pool.appOf(new SaleId("lost-1"))).isEmpty();
    assertThat(proc.pool.view().ready()).isEqualTo(2);
    assertThat(proc.pool.claim(sale("lost-1"))).isPresent();
  }

  @Test
  void crashAfterTheTagsAreWritten_leavesTheAppBoundToThatSaleOnly() {
    fill();
    String name = proc.pool.claim(sale("kept-1")).orElseThrow().name();

    restart(2);
    assertThat(proc.pool.appOf(new SaleId("kept-1"))).contains(name);
    assertThat(proc.pool.view().bound()).isEqualTo(1);
    assertThat(proc.pool.view().ready()).isEqualTo(1);
    AppObservation other = proc.pool.claim(sale("kept-2")).orElseThrow();
    assertThat(other.name()).isNotEqualTo(name);
    assertThat(proc.pool.claim(sale("kept-3"))).as("no free app left").isEmpty();
  }

  @Test
  void aBindingWithoutAnswer_keepsTheAppFromOthers_untilARead() {
    fill();
    azure.failNext(ArmException.noAnswer("timeout", true, null));
    assertThatThrownBy(() -> proc.pool.claim(sale("maybe-1"))).isInstanceOf(ArmException.class);
    String first = poolApps(azure).get(0).name();

    assertThat(proc.pool.appOf(new SaleId("maybe-1"))).as("its pass reads this one first").contains(first);
    AppObservation other = proc.pool.claim(sale("maybe-2")).orElseThrow();
    assertThat(other.name()).isNotEqualTo(first);

    // The read (the sale's pass) finds it free: the sale is no longer pointed at it.
    proc.observed.observed(azure.app(first).orElseThrow());
    assertThat(proc.pool.appOf(new SaleId("maybe-1"))).isEmpty();
  }

  @Test
  void anUnhealthyEngine_isNotHandedOut_andTheKeeperReplacesIt() {
    fill();
    String sick = poolApps(azure).get(0).name();
    sickEngines.add(sick);

    AppObservation bound = proc.pool.claim(sale("healthy-1")).orElseThrow();
    assertThat(bound.name()).isNotEqualTo(sick);
    assertThat(proc.pool.view().replacing()).isEqualTo(1);

    assertThat(proc.keeper.tick()).isEqualTo("replaced " + sick);
    azure.completeAll();
    assertThat(proc.keeper.tick()).startsWith("created pool-");
    assertThat(azure.app(sick)).isEmpty();
  }

  @Test
  void theKeeper_refillsOnlyWhileNoSaleWaits_andTrimsToANewSize() {
    salesIdle = false;
    assertThat(proc.keeper.tick()).isEqualTo("steady");
    salesIdle = true;
    fill();
    assertThat(proc.keeper.tick()).isEqualTo("steady");

    proc.pool.claim(sale("taken-1")).orElseThrow();
    assertThat(proc.keeper.tick()).startsWith("created pool-");
    assertThat(proc.keeper.tick()).as("provisioning counts").isEqualTo("steady");

    proc.pool.resize(0);
    assertThat(proc.keeper.tick()).startsWith("surplus pool-");
    assertThat(proc.keeper.tick()).startsWith("surplus pool-");
    azure.completeAll();
    assertThat(proc.keeper.tick()).isEqualTo("steady");
    assertThat(poolApps(azure)).singleElement()
        .satisfies(a -> assertThat(a.tags()).containsEntry(Ownership.SALE_ID, "taken-1"));
  }

  @Test
  void aPoolEmptiedAtOnce_waitsForTheBlastRadiusBrakesConfirmation() {
    restart(8);
    fill();
    proc.pool.resize(0);

    assertThat(proc.keeper.tick()).startsWith("held pool-");
    assertThat(proc.deletions.held()).as("8 of 8 owned apps: more than 5 and more than half")
        .hasSize(8).allMatch(name -> name.startsWith("pool-"));
    assertThat(azure.calls()).noneMatch(c -> c.startsWith("delete"));

    assertThat(proc.deletions.confirm()).hasSize(8);
    for (int i = 0; i < 8; i++) {
      assertThat(proc.keeper.tick()).startsWith("surplus pool-");
    }
    azure.completeAll();
    assertThat(poolApps(azure)).isEmpty();
  }

  @Test
  void theKeeper_readsItsAppsInFlight_atMostOncePerSecond() {
    assertThat(proc.keeper.tick()).startsWith("created pool-");
    assertThat(proc.keeper.tick()).startsWith("created pool-");
    long gets = azure.count("get pool-");
    assertThat(gets).as("first read").isEqualTo(1);
    azure.completeAll();
    proc.keeper.tick();
    assertThat(azure.count("get pool-")).as("within the second: no read").isEqualTo(gets);
    assertThat(proc.pool.view().ready()).isZero();

    long lists = azure.count("list");
    clock.advance(PoolKeeper.READ_EVERY);
    proc.keeper.tick();
    assertThat(azure.count("get pool-")).as("two in flight: one LIST is fewer reads").isEqualTo(gets);
    assertThat(azure.count("list")).isEqualTo(lists + 1);
    assertThat(proc.pool.view().ready()).isEqualTo(2);
  }

  @Test
  void aPool_isRefused_whenSaleAppNamesCouldBePoolNames() {
    WarmPool unprefixed = new WarmPool(azure, new ObservedApps(), MEMBERS,
        new PoolSpec(new AppSpecs(new AppNaming(""), DEFAULTS, OWNERSHIP), DEFAULTS, "fleet"), SPECS,
        app -> true, new PoolNaming(new AppNaming(""), new SplittableRandom(1)), 0);
    assertThatThrownBy(() -> unprefixed.resize(3))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("ARCAL_APP_PREFIX");
    assertThatThrownBy(() -> proc.pool.resize(-1)).isInstanceOf(InvalidSpecException.class);
    assertThat(unprefixed.size()).isZero();
  }
}
