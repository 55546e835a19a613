package com.arcal.bench.rig;

import com.arcal.controller.azure.EnvironmentId;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the bench's environments live: {@code E} environments over {@code K} subscriptions, round
 * robin, each environment {@code arcal-env} alone in its own resource group {@code arcal-bench-i}
 * (the emulator creates its environments in every configured group of every subscription).
 *
 * @param environments the environments, in configuration order (the first is the default)
 * @param subscriptions how many distinct subscriptions they use
 */
public record EnvironmentLayout(List<EnvironmentId> environments, int subscriptions) {
  public static final String ENVIRONMENT = "arcal-env";

  public EnvironmentLayout {
    environments = List.copyOf(environments);
  }

  /** {@code e} environments spread round robin over {@code k} subscriptions ({@code 1 <= k <= e}). */
  public static EnvironmentLayout spread(int e, int k) {
    if (k < 1 || e < k) {
      throw new IllegalArgumentException(
          "--environments (" + e + ") must be at least --subscriptions (" + k + "), which must be positive");
    }
    List<EnvironmentId> ids = new ArrayList<>();
    for (int i = 1; i <= e; i++) {
      ids.add(new EnvironmentId(subscription((i - 1) % k + 1), "arcal-bench-" + i, ENVIRONMENT));
    }
    return new EnvironmentLayout(ids, k);
  }

  static String subscription(int i) {
    return String.format("00000000-0000-0000-0000-%012d", i);
  }

  /** The resource groups the emulator must know (one per environment). */
  public List<String> groups() {
    return environments.stream().map(EnvironmentId::resourceGroup).toList();
  }

  /**
   * The most sales one subscription takes when the placement spreads {@code n} sales evenly over
   * equal environments: ARM's write bucket is per subscription, so this share sets the bound.
   */
  public int largestSubscriptionShare(int n) {
    int perEnvironment = (n + environments.size() - 1) / environments.size();
    int mostEnvironments = (environments.size() + subscriptions - 1) / subscriptions;
    return Math.min(n, perEnvironment * mostEnvironments);
  }
}
