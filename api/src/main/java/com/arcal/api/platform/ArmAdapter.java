package com.arcal.api.platform;

import com.arcal.controller.azure.ArmBudgetPolicy;
import com.arcal.controller.azure.ArmBudgetPolicy.ArmCallListener;
import com.arcal.controller.azure.ArmConnection;
import com.arcal.controller.azure.AzureTarget;
import com.arcal.controller.azure.EnvironmentFleet;
import com.arcal.controller.azure.EnvironmentId;
import com.arcal.controller.budget.ArmBudget;
import com.arcal.controller.budget.BudgetSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * The one way both platforms build the Azure adapter: SDK clients behind ARM budgets, so that the
 * emulator is driven exactly as Azure is; and the managed environments, each read once here and
 * kept, which place every engine app (location, workload profile).
 */
final class ArmAdapter {
  /** How long a worker may wait for an ARM token before its key is requeued instead. */
  static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

  private ArmAdapter() {}

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
    Semaphore waitingRoom = new Semaphore(ArmBudget.SHARED_WAITERS);
    return EnvironmentFleet.open(
        connection,
        ids,
        registry,
        subscription ->
            List.of(
                new ArmBudgetPolicy(
                    new ArmBudget(BudgetSettings.defaults(), clock, waitingRoom),
                    ArmBudgetPolicy.DEFAULT_MAX_WAIT,
                    armCalls)));
  }
}
