package com.arcal.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.ProvisioningState;
import com.arcal.controller.reconcile.ObservedApps.Knowledge;
import com.arcal.controller.reconcile.ObservedApps.Lookup;
import com.arcal.controller.reconcile.Planner.Action;
import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.SaleDefaults;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import com.arcal.controller.secret.EngineSecrets;
import com.arcal.controller.secret.Secret;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PlannerTest {
  private final Ownership ownership = new Ownership("fleet");
  private final AppSpecs specs =
      new AppSpecs(new AppNaming("sale-"), new SaleDefaults("img:1", "0.5", "1Gi"), ownership);
  private final Planner planner = new Planner(ownership, specs);
  private final DesiredSale sale = new DesiredSale(new SaleId("v1"), SaleSpec.ofConfig(Map.of("a", "1")), 3);

  private AppObservation ours(ProvisioningState state, String hash) {
    Map<String, String> tags = new HashMap<>(ownership.tags(sale.id(), hash, 3));
    return new AppObservation("sale-v1", tags, state, "sale-v1--abc", "", List.of(), "img:1", Map.of(),
        Set.of(EngineSecrets.ENV));
  }

  private static Lookup present(AppObservation app) {
    return new Lookup(Knowledge.PRESENT, Optional.of(app));
  }

  private Action decide(Optional<DesiredSale> desired, Lookup observed) {
    return planner.decide(desired, observed).action();
  }

  @Test
  void aPoolAppWhoseBindingTagsAreBeingWritten_startsItsEngineAtOnce_butAnUpdateIsWaitedFor() {
    AppObservation binding = ours(ProvisioningState.IN_PROGRESS, specs.hash(sale));
    Map<String, String> pooled = new HashMap<>(binding.tags());
    pooled.put(Ownership.POOL, "poolhash");
    AppObservation bound = new AppObservation("pool-abcdefghij", pooled, ProvisioningState.IN_PROGRESS,
        "pool-abcdefghij--r1", "", List.of(), "img:1", Map.of(), Set.of(EngineSecrets.ENV));
    assertThat(decide(Optional.of(sale), present(bound))).isEqualTo(Action.CONVERGE_ENGINE);

    // The same app being created (no revision yet), or PUT with a new spec (no pool tag): wait.
    AppObservation creating = new AppObservation("pool-abcdefghij", pooled, ProvisioningState.IN_PROGRESS,
        "", "", List.of(), "img:1", Map.of(), Set.of(EngineSecrets.ENV));
    assertThat(decide(Optional.of(sale), present(creating))).isEqualTo(Action.WAIT);
    assertThat(decide(Optional.of(sale), present(binding))).isEqualTo(Action.WAIT);
    AppObservation deleting = bound.withState(ProvisioningState.DELETING);
    assertThat(decide(Optional.of(sale), present(deleting))).isEqualTo(Action.WAIT);
  }

  @Test
  void unknownIsReadFirst() {
    assertThat(decide(Optional.of(sale), new Lookup(Knowledge.UNKNOWN, Optional.empty())))
        .isEqualTo(Action.READ);
  }

  @Test
  void desiredAndAbsentIsCreated() {
    assertThat(decide(Optional.of(sale), Lookup.ABSENT)).isEqualTo(Action.CREATE);
  }

  @Test
  void matchingProvisionedAppConvergesTheEngineWithoutAWrite() {
    assertThat(decide(Optional.of(sale), present(ours(ProvisioningState.SUCCEEDED, specs.hash(sale)))))
        .isEqualTo(Action.CONVERGE_ENGINE);
  }

  @Test
  void anotherSpecIsAnUpdate() {
    assertThat(decide(Optional.of(sale), present(ours(ProvisioningState.SUCCEEDED, "old"))))
        .isEqualTo(Action.UPDATE);
  }

  @Test
  void anAppWithoutAnEngineToken_isNotRestartedToGetOne() {
    // Adopted from before engines had tokens: its engine checks none, and an update just for
    // the token would restart a live sale (the upgrade recipe of operations.md promises not).
    AppObservation tokenless = ours(ProvisioningState.SUCCEEDED, specs.hash(sale));
    tokenless = new AppObservation(tokenless.name(), tokenless.tags(), tokenless.state(),
        tokenless.latestRevisionName(), "", List.of(), "img:1", Map.of(), Set.of());

    assertThat(decide(Optional.of(sale), present(tokenless))).isEqualTo(Action.CONVERGE_ENGINE);
  }

  @Test
  void theEngineTokenIsNotPartOfTheSpecHash() {
    var first = specs.request(sale, Optional.empty(), Secret.of("first-token-0123456789"));
    var second = specs.request(sale, Optional.empty(), Secret.of("second-token-0123456789"));

    assertThat(first.tags()).isEqualTo(second.tags());
    assertThat(first.env()).isEqualTo(second.env()).doesNotContainKey(EngineSecrets.ENV);
    assertThat(first.secretEnv()).containsOnlyKeys(EngineSecrets.ENV);
    assertThat(first.toString()).doesNotContain("first-token-0123456789");
  }

  @Test
  void generationAloneIsNotASpecChange() {
    DesiredSale bumped = new DesiredSale(sale.id(), sale.spec(), 9);
    assertThat(specs.hash(bumped)).isEqualTo(specs.hash(sale));
  }

  @Test
  void defaultsTakePartInTheSpec() {
    AppSpecs otherDefaults =
        new AppSpecs(new AppNaming("sale-"), new SaleDefaults("img:2", "0.5", "1Gi"), ownership);
    assertThat(otherDefaults.hash(sale)).isNotEqualTo(specs.hash(sale));
  }

  @ParameterizedTest
  @EnumSource(value = ProvisioningState.class, names = {"IN_PROGRESS", "DELETING"})
  void busyAppsAreLeftAlone(ProvisioningState state) {
    assertThat(decide(Optional.of(sale), present(ours(state, "whatever")))).isEqualTo(Action.WAIT);
  }

  @Test
  void failedProvisioningIsRetried() {
    assertThat(decide(Optional.of(sale), present(ours(ProvisioningState.FAILED, specs.hash(sale)))))
        .isEqualTo(Action.RETRY_PROVISIONING);
  }

  @Test
  void appsOfOthersAreForeignEvenWithOurName() {
    AppObservation theirs =
        new AppObservation("sale-v1", Map.of("owner", "x"), ProvisioningState.SUCCEEDED, "", "", List.of(), "", Map.of(),
            Set.of());
    assertThat(decide(Optional.of(sale), present(theirs))).isEqualTo(Action.FOREIGN);
    assertThat(decide(Optional.empty(), present(theirs))).isEqualTo(Action.FORGET);
  }

  @Test
  void undesiredOwnedAppIsDeletedOnce() {
    assertThat(decide(Optional.empty(), present(ours(ProvisioningState.SUCCEEDED, "h"))))
        .isEqualTo(Action.DELETE);
    assertThat(decide(Optional.empty(), present(ours(ProvisioningState.DELETING, "h"))))
        .isEqualTo(Action.WAIT);
    assertThat(decide(Optional.empty(), Lookup.ABSENT)).isEqualTo(Action.FORGET);
  }
}
