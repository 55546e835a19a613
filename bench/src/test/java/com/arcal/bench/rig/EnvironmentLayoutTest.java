package com.arcal.bench.rig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arcal.controller.azure.EnvironmentId;
import org.junit.jupiter.api.Test;

/** Where the scale scenario's environments go, and the bounds their layout sets. */
class EnvironmentLayoutTest {

  @Test
  void spread_putsEachEnvironmentInItsOwnGroup_roundRobinOverTheSubscriptions() {
    EnvironmentLayout layout = EnvironmentLayout.spread(4, 2);

    assertThat(layout.groups()).containsExactly("arcal-bench-1", "arcal-bench-2", "arcal-bench-3", "arcal-bench-4");
    assertThat(layout.environments()).extracting(EnvironmentId::subscriptionId).containsExactly(
        EnvironmentLayout.subscription(1), EnvironmentLayout.subscription(2),
        EnvironmentLayout.subscription(1), EnvironmentLayout.subscription(2));
  }

  @Test
  void largestSubscriptionShare_isWhatOneWriteBucketMustTake() {
    assertThat(EnvironmentLayout.spread(5, 5).largestSubscriptionShare(10_000)).isEqualTo(2000);
    assertThat(EnvironmentLayout.spread(1, 1).largestSubscriptionShare(10_000)).isEqualTo(10_000);
    assertThat(EnvironmentLayout.spread(3, 3).largestSubscriptionShare(300)).isEqualTo(100);
    assertThat(EnvironmentLayout.spread(3, 2).largestSubscriptionShare(300)).isEqualTo(200);
  }

  @Test
  void moreSubscriptionsThanEnvironments_isRefused() {
    assertThatThrownBy(() -> EnvironmentLayout.spread(2, 3))
        .hasMessageContaining("--environments (2) must be at least --subscriptions (3)");
  }
}
