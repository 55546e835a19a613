package com.arcal.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.ProvisioningState;
import com.arcal.controller.reconcile.ObservedApps.Knowledge;
import com.arcal.controller.reconcile.ObservedApps.Lookup;
import com.arcal.controller.reconcile.Planner.Action;
import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.ResourceAmounts;
import com.arcal.controller.sale.SaleDefaults;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import com.arcal.controller.secret.EngineSecrets;
import com.arcal.controller.secret.Secret;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Defaults are pinned at creation: a changed default setting never rolls an existing app. */
class PinnedDefaultsTest {
  private final Ownership ownership = new Ownership("fleet");
  private final AppNaming naming = new AppNaming("sale-");
  private final AppSpecs before = new AppSpecs(naming, new SaleDefaults("img:1", "1", "1Gi"), ownership);
  private final AppSpecs after = new AppSpecs(naming, new SaleDefaults("img:2", "0.75", "2Gi"), ownership);
  private final DesiredSale sale = new DesiredSale(new SaleId("p1"), SaleSpec.ofConfig(Map.of("a", "1")), 1);

  /** The app as Azure shows it after {@code specs} created it: cpu read back as a number. */
  private AppObservation createdBy(AppSpecs specs, DesiredSale s) {
    var request = specs.request(s, Optional.empty(), Secret.of("token-0123456789abcdef"));
    String cpuAsAzureAnswers = Double.toString(Double.parseDouble(request.cpu()));
    return new AppObservation(request.name(), request.tags(), ProvisioningState.SUCCEEDED, "rev", "",
        List.of(), request.image(), request.env(), Set.of(EngineSecrets.ENV), "", request.cores(),
        ResourceAmounts.plainCpu(Double.parseDouble(cpuAsAzureAnswers)),
        request.memory());
  }

  private Action decide(AppSpecs specs, DesiredSale s, AppObservation app) {
    return new Planner(ownership, specs).decide(Optional.of(s), new Lookup(Knowledge.PRESENT, Optional.of(app)))
        .action();
  }

  @Test
  void aNewDefault_leavesAnExistingAppAlone() {
    AppObservation app = createdBy(before, sale);

    assertThat(decide(after, sale, app)).isEqualTo(Action.CONVERGE_ENGINE);
    assertThat(after.effective(sale, Optional.of(app)))
        .isEqualTo(new SaleSpec("img:1", Map.of("a", "1"), "1", "1Gi"));
  }

  @Test
  void aNewSale_getsTheNewDefaults() {
    var request = after.request(sale, Optional.empty(), Secret.of("token-0123456789abcdef"));

    assertThat(request.image()).isEqualTo("img:2");
    assertThat(request.cpu()).isEqualTo("0.75");
    assertThat(request.memory()).isEqualTo("2Gi");
  }

  @Test
  void anExplicitChange_rollsWithThePinnedValuesKept() {
    AppObservation app = createdBy(before, sale);
    DesiredSale changed = new DesiredSale(sale.id(), new SaleSpec("img:3", Map.of("a", "1"), null, null), 2);

    assertThat(decide(after, changed, app)).isEqualTo(Action.UPDATE);
    var request = after.request(changed, Optional.of(app), Secret.of("token-0123456789abcdef"));
    assertThat(request.image()).isEqualTo("img:3");
    assertThat(request.cpu()).as("pinned, not the new default").isEqualTo("1");
    assertThat(request.memory()).isEqualTo("1Gi");
    assertThat(request.tags()).containsEntry(Ownership.GENERATION, "2");
  }

  @Test
  void aConfigChange_keepsThePinnedImage() {
    AppObservation app = createdBy(before, sale);
    DesiredSale changed = new DesiredSale(sale.id(), SaleSpec.ofConfig(Map.of("a", "2")), 2);

    assertThat(decide(after, changed, app)).isEqualTo(Action.UPDATE);
    assertThat(after.request(changed, Optional.of(app), Secret.of("token-0123456789abcdef")).image())
        .isEqualTo("img:1");
  }

  @Test
  void anAppWhoseResourcesAreUnknown_fallsBackOnTheDefaults() {
    AppObservation app = createdBy(before, sale);
    AppObservation unknown = new AppObservation(app.name(), app.tags(), app.state(), "rev", "", List.of(),
        app.image(), app.env(), app.secretEnv());

    assertThat(before.hash(sale, Optional.of(unknown))).isEqualTo(before.hash(sale));
  }
}
