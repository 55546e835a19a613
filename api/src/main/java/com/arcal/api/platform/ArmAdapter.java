package com.arcal.api.platform;

import com.arcal.controller.azure.ArmBudgetPolicy;
import com.arcal.controller.azure.ArmBudgetPolicy.ArmCallListener;
import com.arcal.controller.azure.ArmClients;
import com.arcal.controller.azure.ArmConnection;
import com.arcal.controller.azure.AzureContainerApps;
import com.arcal.controller.azure.AzureTarget;
import com.arcal.controller.budget.ArmBudget;
import com.arcal.controller.budget.BudgetSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The one way both platforms build the Azure adapter: the SDK client behind the shared ARM
 * budget, so that the emulator is driven exactly as Azure is.
 */
final class ArmAdapter {
  /** How long a worker may wait for an ARM token before its key is requeued instead. */
  static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

  private ArmAdapter() {}

  static AzureContainerApps open(
      ArmConnection connection, AzureTarget target, ArmCallListener armCalls, Clock clock) {
    ArmBudget budget = new ArmBudget(BudgetSettings.defaults(), clock);
    var manager =
        ArmClients.manager(
            connection, target, List.of(new ArmBudgetPolicy(budget, ArmBudgetPolicy.DEFAULT_MAX_WAIT, armCalls)));
    return new AzureContainerApps(manager, target);
  }
}
