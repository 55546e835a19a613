package com.arcal.api.platform;

import com.arcal.controller.azure.ArmBudgetPolicy;
import com.arcal.controller.azure.ArmBudgetPolicy.ArmCallListener;
import com.arcal.controller.azure.ArmClients;
import com.arcal.controller.azure.ArmConnection;
import com.arcal.controller.azure.AzureContainerApps;
import com.arcal.controller.azure.AzureTarget;
import com.arcal.controller.azure.EnvironmentFleet;
import com.arcal.controller.azure.EnvironmentId;
import com.arcal.controller.azure.ManagedEnvironment;
import com.arcal.controller.budget.ArmBudget;
import com.arcal.controller.budget.BudgetSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The one way both platforms build the Azure adapter: the SDK client behind the shared ARM
 * budget, so that the emulator is driven exactly as Azure is; and the managed environment, read
 * once here and kept, which places every engine app (location, workload profile).
 */
final class ArmAdapter {
  /** How long a worker may wait for an ARM token before its key is requeued instead. */
  static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

  private ArmAdapter() {}

  /** The adapter, and the environment it places apps in as ARM described it at start. */
  record Opened(AzureContainerApps apps, ManagedEnvironment environment) {}

  /**
   * Opens several environments (one GET each): one SDK client per subscription, each behind an
   * ARM budget of its own, because ARM throttles each subscription separately ("Throttling
   * Resource Manager requests": the buckets are per subscription and region); K subscriptions
   * write K times as fast.
   *
   * @throws com.arcal.controller.azure.ArmException when an environment cannot be read
   */
  static EnvironmentFleet openFleet(
      ArmConnection connection,
      List<EnvironmentId> ids,
      Optional<AzureTarget.EngineRegistry> registry,
      ArmCallListener armCalls,
      Clock clock) {
    return EnvironmentFleet.open(
        connection,
        ids,
        registry,
        subscription ->
            List.of(
                new ArmBudgetPolicy(
                    new ArmBudget(BudgetSettings.defaults(), clock),
                    ArmBudgetPolicy.DEFAULT_MAX_WAIT,
                    armCalls)));
  }

  /**
   * Reads the environment {@code target} names (one ARM GET), then builds the adapter for the
   * target placed in it.
   *
   * @throws com.arcal.controller.azure.ArmException when the environment cannot be read
   */
  static Opened open(
      ArmConnection connection, AzureTarget target, ArmCallListener armCalls, Clock clock) {
    ArmBudget budget = new ArmBudget(BudgetSettings.defaults(), clock);
    var manager =
        ArmClients.manager(
            connection, target, List.of(new ArmBudgetPolicy(budget, ArmBudgetPolicy.DEFAULT_MAX_WAIT, armCalls)));
    EnvironmentId id =
        EnvironmentId.parse(target.environmentId())
            .orElseThrow(
                () -> new IllegalArgumentException("not an environment id: " + target.environmentId()));
    ManagedEnvironment environment = ManagedEnvironment.read(manager, id);
    return new Opened(new AzureContainerApps(manager, target.in(environment)), environment);
  }
}
