package com.arcal.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.controller.azure.AppRequest;
import com.arcal.controller.azure.ArmBudgetPolicy;
import com.arcal.controller.azure.ArmClients;
import com.arcal.controller.azure.ArmException;
import com.arcal.controller.azure.AzureContainerApps;
import com.arcal.controller.azure.AzureTarget;
import com.arcal.controller.azure.ContainerAppsPort;
import com.arcal.controller.budget.ArmBudget;
import com.arcal.controller.budget.ArmOperation;
import com.arcal.controller.budget.BudgetSettings;
import com.arcal.emulator.EmulatorSettings;
import com.arcal.emulator.throttle.ThrottleSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Microsoft.App's own limit, as the emulator answers it (a bucket of 20 refilling at 4 per second,
 * counted in {@code x-ms-ratelimit-remaining-subscription-resource-requests}): writes sent through
 * the ARM budget slow down before the provider refuses; the same writes sent without it are
 * refused. ARM's own write bucket (200) never binds here. Provisioning is slow enough that no
 * container starts during the test.
 */
class ProviderThrottlingIT {
  private static final int APPS = 40;
  private static final int THREADS = 4;

  @TempDir Path dir;
  private EmulatedAzure azure;
  private ExecutorService threads;

  @BeforeEach
  void start() {
    azure =
        EmulatedAzure.start(
            EmulatorSettings.builder(dir)
                .delays(Duration.ofMinutes(10), Duration.ofMinutes(10))
                .throttle(ThrottleSettings.arm().withProvider(20, 4))
                .build());
    threads = Executors.newFixedThreadPool(THREADS);
  }

  @AfterEach
  void stop() {
    threads.shutdownNow();
    azure.close();
  }

  @Test
  void writesThroughTheBudget_slowDownBeforeTheProviderRefuses() throws Exception {
    ArmBudget budget = new ArmBudget(BudgetSettings.defaults(), Clock.systemUTC());
    // Workers may wait long here: the point is who refuses, not how the queue requeues.
    ArmBudgetPolicy policy =
        new ArmBudgetPolicy(budget, Duration.ofSeconds(30), ArmBudgetPolicy.ArmCallListener.NONE);
    ContainerAppsPort apps = adapter(azure.target, List.of(policy));

    List<Exception> failures = createAll(apps, "paced");

    assertThat(failures).isEmpty();
    assertThat(azure.emulator.stats().count("PUT", "containerApp", 429)).isZero();
    assertThat(azure.emulator.stats().count("PUT", "containerApp", 201)).isEqualTo(APPS);
    assertThat(budget.providerRemaining(ArmOperation.WRITE)).isBetween(0L, 4L);
  }

  @Test
  void theSameWritesWithoutTheBudget_areRefusedByTheProvider() throws Exception {
    List<Exception> failures = createAll(adapter(azure.target, List.of()), "unpaced");

    assertThat(failures)
        .isNotEmpty()
        .allSatisfy(e -> assertThat(((ArmException) e).status()).isEqualTo(429));
    assertThat(azure.emulator.stats().count("PUT", "containerApp", 429)).isEqualTo(failures.size());
  }

  private ContainerAppsPort adapter(AzureTarget target, List<ArmBudgetPolicy> policies) {
    return new AzureContainerApps(
        ArmClients.manager(azure.connection(), target, List.copyOf(policies)), target);
  }

  /** Creates {@link #APPS} apps from {@link #THREADS} threads; returns what failed. */
  private List<Exception> createAll(ContainerAppsPort apps, String prefix) throws Exception {
    List<Future<?>> sent = new ArrayList<>();
    for (int i = 0; i < APPS; i++) {
      String name = prefix + "-" + i;
      sent.add(
          threads.submit(
              () ->
                  apps.beginCreateOrUpdate(
                      new AppRequest(name, "arcal/engine:local", "0.5", "1Gi", Map.of(), Map.of()))));
    }
    List<Exception> failures = new ArrayList<>();
    for (Future<?> f : sent) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        failures.add((Exception) e.getCause());
      }
    }
    return failures;
  }
}
