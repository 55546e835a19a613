package com.arcal.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.ProvisioningState;
import com.arcal.controller.fake.MutableClock;
import com.arcal.controller.rollout.MaxUnavailable;
import com.arcal.controller.rollout.RolloutSettings;
import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.SaleDefaults;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import com.arcal.controller.status.Condition;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.SaleStatus;
import com.arcal.controller.status.StatusBoard;
import com.arcal.controller.store.InMemoryDesiredStateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RolloutGateTest {
  private static final int SALES = 10;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final AppNaming naming = new AppNaming("sale-");
  private final Ownership ownership = new Ownership("fleet");
  private final List<SaleId> enqueued = new ArrayList<>();
  private final Map<SaleId, Integer> buyers = new HashMap<>();
  private final RolloutSettings noBrake =
      RolloutSettings.defaults().withMaxUnavailable(new MaxUnavailable(3, 0))
          .withDeadline(Duration.ofSeconds(60)).withRestartBrake(100, 1.0);
  private InMemoryDesiredStateStore store;
  private ObservedApps observed;
  private StatusBoard board;

  @BeforeEach
  void tenRunningSalesWithANewSpec() {
    store = new InMemoryDesiredStateStore(naming, clock, false);
    observed = new ObservedApps();
    board = new StatusBoard(clock, id -> SaleStatus.initial(id, naming.appName(id), 0, clock.instant()));
    for (int i = 0; i < SALES; i++) {
      SaleId id = id(i);
      store.put(id, SaleSpec.ofConfig(Map.of("v", "1")), Optional.empty());
      appAt(id, 1, ProvisioningState.SUCCEEDED);
      board.update(id, s -> s.withGeneration(1).withPhase(Phase.RUNNING, "wss://x"));
      store.put(id, new SaleSpec("img:2", Map.of("v", "1"), null, null), Optional.empty());
    }
  }

  private static SaleId id(int i) {
    return new SaleId("r" + i);
  }

  private void appAt(SaleId id, long generation, ProvisioningState state) {
    observed.observed(new AppObservation(naming.appName(id), ownership.tags(id, "h" + generation, generation),
        state, "rev", "", List.of(), "img", Map.of(), Set.of()));
  }

  private RolloutGate gate(RolloutSettings settings) {
    AppSpecs specs = new AppSpecs(naming, new SaleDefaults("img", "0.5", "1Gi"), ownership);
    return new RolloutGate(store, observed, ownership, specs, board, naming, settings, clock, enqueued::add,
        Duration.ofSeconds(1));
  }

  private DesiredSale desired(SaleId id) {
    return store.snapshot().sale(id).orElseThrow();
  }

  /** Asks the gate; when admitted, plays the reconciler's PUT (the app moves to the new generation). */
  private boolean admit(RolloutGate gate, SaleId id) {
    AppObservation app = observed.lookup(naming.appName(id)).app().orElseThrow();
    boolean admitted = gate.admit(desired(id), app, buyers.getOrDefault(id, 0)).admitted();
    if (admitted) {
      appAt(id, desired(id).generation(), ProvisioningState.IN_PROGRESS);
      board.update(id, s -> s.withGeneration(desired(id).generation()).withPhase(Phase.PROVISIONING, null));
    }
    return admitted;
  }

  private void runsAtItsNewGeneration(SaleId id) {
    appAt(id, 2, ProvisioningState.SUCCEEDED);
    board.update(id, s -> s.withPhase(Phase.RUNNING, "wss://x"));
  }

  private Optional<Condition> held(SaleId id) {
    return board.get(id).orElseThrow().condition(RolloutGate.UPDATE_HELD);
  }

  @Test
  void atMostMaxUnavailableUpdateAtOnce_theNextWhenOneIsRunning() {
    RolloutGate gate = gate(noBrake);
    List<Integer> admitted = new ArrayList<>();
    for (int i = 0; i < SALES; i++) {
      if (admit(gate, id(i))) {
        admitted.add(i);
      }
    }
    assertThat(admitted).containsExactly(0, 1, 2);
    assertThat(held(id(5))).get().extracting(Condition::reason).isEqualTo("RolloutWaiting");
    assertThat(gate.status().state()).isEqualTo("Progressing");

    runsAtItsNewGeneration(id(0));

    assertThat(enqueued).contains(id(5), id(9));
    assertThat(admit(gate, id(3))).isTrue();
    assertThat(held(id(3))).isEmpty();
    assertThat(admit(gate, id(4))).isFalse();
    assertThat(gate.status().updating()).containsExactly("r1", "r2", "r3");
  }

  @Test
  void aSaleNotRunningWithinTheDeadline_pausesTheRollout_untilResumed() {
    RolloutGate gate = gate(noBrake);
    for (int i = 0; i < 3; i++) {
      admit(gate, id(i));
    }
    runsAtItsNewGeneration(id(0));
    clock.advance(Duration.ofSeconds(61));

    assertThat(admit(gate, id(3))).isFalse();
    assertThat(held(id(3))).get().extracting(Condition::reason).isEqualTo("RolloutPaused");
    var status = gate.status();
    assertThat(status.state()).isEqualTo("Paused");
    assertThat(status.paused()).get().satisfies(p -> assertThat(p.sales()).containsExactly("r1", "r2"));
    assertThat(board.get(id(1)).orElseThrow().condition(RolloutGate.UPDATE_FAILED)).isPresent();

    assertThat(board.get(id(3)).orElseThrow().observedGeneration()).as("left on its old spec").isEqualTo(1);

    assertThat(gate.resume()).isTrue();
    assertThat(gate.status().paused()).isEmpty();
    assertThat(admit(gate, id(3))).as("slots: r1, r2 still updating, one free").isTrue();
  }

  @Test
  void aChangeRestartingMostOfTheFleet_isHeldUntilConfirmed() {
    RolloutGate gate = gate(noBrake.withRestartBrake(5, 0.5));

    assertThat(admit(gate, id(0))).isFalse();
    assertThat(held(id(0))).get().extracting(Condition::reason).isEqualTo("RestartsHeld");
    assertThat(gate.status().state()).isEqualTo("AwaitingConfirmation");
    assertThat(gate.status().restartsHeld()).hasSize(SALES);

    assertThat(gate.confirmRestarts()).hasSize(SALES);
    assertThat(admit(gate, id(0))).isTrue();
    assertThat(admit(gate, id(1))).isTrue();
  }

  @Test
  void aFewRestarts_needNoConfirmation() {
    RolloutGate gate = gate(noBrake.withRestartBrake(5, 0.5));
    for (int i = 3; i < SALES; i++) {
      DesiredSale old = desired(id(i));
      store.put(id(i), SaleSpec.ofConfig(Map.of("v", "1")), Optional.empty()); // back to the old spec
      long generation = desired(id(i)).generation();
      appAt(id(i), generation, ProvisioningState.SUCCEEDED);
      board.update(id(i), s -> s.withGeneration(generation));
      assertThat(desired(id(i)).generation()).isGreaterThan(old.generation());
    }
    assertThat(admit(gate, id(0))).isTrue();
  }

  @Test
  void aGenerationRaisedWithoutAnEffectiveChange_isNoRestartForTheBrake() {
    AppSpecs specs = new AppSpecs(naming, new SaleDefaults("img", "0.5", "1Gi"), ownership);
    for (int i = 1; i < SALES; i++) {
      SaleId id = id(i);
      AppObservation app = observed.lookup(naming.appName(id)).app().orElseThrow();
      observed.observed(new AppObservation(app.name(),
          ownership.tags(id, specs.hash(desired(id), Optional.of(app)), 1), app.state(), "rev", "", List.of(),
          app.image(), Map.of(), Set.of()));
    }
    RolloutGate gate = gate(noBrake.withRestartBrake(5, 0.5));

    assertThat(admit(gate, id(0))).isTrue();
  }

  @Test
  void busyEngines_waitForTheirBuyers_untilTheDeadline() {
    buyers.put(id(0), 2);
    RolloutGate gate = gate(noBrake.withBuyerWait(Optional.of(Duration.ofMinutes(5))).withDeadline(Duration.ofHours(1)));

    assertThat(admit(gate, id(0))).isFalse();
    assertThat(held(id(0))).get().extracting(Condition::reason).isEqualTo("BuyersConnected");
    assertThat(admit(gate, id(1))).as("idle ones go first").isTrue();

    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    assertThat(admit(gate, id(0))).isTrue();
  }

  @Test
  void busyEngines_waitForAForce_whenConfiguredSo() {
    buyers.put(id(0), 1);
    RolloutGate gate = gate(noBrake.withBuyerWait(Optional.empty()));
    assertThat(admit(gate, id(0))).isFalse();
    clock.advance(Duration.ofHours(5));
    assertThat(admit(gate, id(0))).isFalse();

    assertThat(gate.force(Set.of())).containsExactly("r0");
    assertThat(admit(gate, id(0))).isTrue();
  }

  @Test
  void thePauseReportsEachSaleOfTheWaveAsItPassesTheDeadline() {
    RolloutGate gate = gate(noBrake);
    admit(gate, id(0));
    clock.advance(Duration.ofSeconds(30));
    admit(gate, id(1));
    clock.advance(Duration.ofSeconds(31));
    assertThat(gate.status().paused()).get().satisfies(p -> assertThat(p.sales()).containsExactly("r0"));

    clock.advance(Duration.ofSeconds(30));

    assertThat(gate.status().paused()).get().satisfies(p -> assertThat(p.sales()).containsExactly("r0", "r1"));
    assertThat(board.get(id(1)).orElseThrow().condition(RolloutGate.UPDATE_FAILED)).isPresent();
  }

  @Test
  void aFixAfterAPause_keepsTheLateSalesCounted() {
    RolloutGate gate = gate(noBrake);
    for (int i = 0; i < 3; i++) {
      admit(gate, id(i));
      board.update(id(i), s -> s.withPhase(Phase.STARTING, null)); // the new image does not start
    }
    clock.advance(Duration.ofSeconds(61));
    assertThat(gate.status().state()).isEqualTo("Paused");
    for (int i = 0; i < SALES; i++) {
      store.put(id(i), new SaleSpec("img:3", Map.of("v", "1"), null, null), Optional.empty()); // the fix
    }
    gate.resume();

    assertThat(admit(gate, id(0))).as("down anyway: updated at once").isTrue();
    assertThat(admit(gate, id(5))).as("the three late ones still hold the slots").isFalse();
    assertThat(gate.status().updating()).containsExactly("r0", "r1", "r2");
  }

  @Test
  void aSaleThatIsNotRunning_isUpdatedAtOnce() {
    RolloutGate gate = gate(noBrake);
    for (int i = 0; i < 3; i++) {
      admit(gate, id(i));
    }
    board.update(id(7), s -> s.withPhase(Phase.STARTING, null));

    assertThat(admit(gate, id(7))).isTrue();
  }

  @Test
  void afterARestart_salesFoundUpdatingCountAgainstTheLimit() {
    for (int i = 0; i < 3; i++) {
      appAt(id(i), 2, ProvisioningState.SUCCEEDED); // updated before the restart, not Running yet
    }
    board = new StatusBoard(clock, id -> SaleStatus.initial(id, naming.appName(id), 0, clock.instant()));
    RolloutGate gate = gate(noBrake);

    assertThat(admit(gate, id(5))).isFalse();
    assertThat(gate.status().updating()).containsExactly("r0", "r1", "r2");
    clock.advance(Duration.ofSeconds(61));
    assertThat(gate.status().state()).as("still failing after the restart: paused again").isEqualTo("Paused");
  }
}
