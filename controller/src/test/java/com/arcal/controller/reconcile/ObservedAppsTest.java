package com.arcal.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.azure.ProvisioningState;
import com.arcal.controller.fake.FakeContainerApps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ObservedAppsTest {
  private final ObservedApps observed = new ObservedApps();

  private static AppObservation app(String name, ProvisioningState state, String saleId) {
    Map<String, String> tags = saleId == null ? Map.of() : Map.of(Ownership.SALE_ID, saleId);
    return new AppObservation(name, tags, state, "", "", List.of(), "", Map.of(), Set.of());
  }

  @Test
  void indexesFollowEachEntry_busyCountSaleIdsAndPrefixes() {
    observed.observed(app("pool-b", ProvisioningState.IN_PROGRESS, null));
    observed.observed(app("pool-a", ProvisioningState.SUCCEEDED, "vente-01"));
    observed.observed(app("sale-vente-02", ProvisioningState.IN_PROGRESS, "vente-02"));

    assertThat(observed.busyCount()).isEqualTo(2);
    assertThat(observed.busy()).extracting(AppObservation::name).containsExactlyInAnyOrder("pool-b", "sale-vente-02");
    assertThat(observed.named("pool-")).extracting(AppObservation::name).containsExactly("pool-a", "pool-b");
    assertThat(observed.carrying("vente-01")).extracting(AppObservation::name).containsExactly("pool-a");

    // Provisioned, then bound: the busy index and the sale index move with the entry.
    observed.observed(app("pool-b", ProvisioningState.SUCCEEDED, "vente-03"));
    observed.observed(app("sale-vente-02", ProvisioningState.SUCCEEDED, "vente-02"));
    assertThat(observed.busyCount()).isZero();
    assertThat(observed.carrying("vente-03")).extracting(AppObservation::name).containsExactly("pool-b");

    observed.absent("pool-a");
    observed.uncertain("pool-b");
    assertThat(observed.carrying("vente-01")).isEmpty();
    assertThat(observed.carrying("vente-03")).isEmpty();
    assertThat(observed.named("pool-")).isEmpty();
    assertThat(observed.isEmpty()).isFalse();
    assertThat(observed.listPages()).isEqualTo(1);
  }

  @Test
  void aListRemovesWhatItNoLongerShows_butKeepsWhatWasWrittenSinceItStarted() {
    FakeContainerApps azure = new FakeContainerApps();
    observed.observed(app("sale-gone", ProvisioningState.IN_PROGRESS, "gone"));
    observed.relist(azure);
    assertThat(observed.isEmpty()).isTrue();
    assertThat(observed.busyCount()).isZero();
    assertThat(observed.carrying("gone")).isEmpty();
  }

  /**
   * Many threads writing the same few names in every way: afterwards each index says what a walk
   * of every entry says. Fails if an index is updated outside its key's atomic step.
   */
  @Test
  void concurrentWrites_leaveTheIndexesEqualToAFullWalk() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    ProvisioningState[] states = {ProvisioningState.IN_PROGRESS, ProvisioningState.SUCCEEDED, ProvisioningState.FAILED};
    for (int t = 0; t < 8; t++) {
      Random random = new Random(t);
      done.add(threads.submit(() -> {
        go.await();
        for (int i = 0; i < 20_000; i++) {
          String name = (random.nextBoolean() ? "pool-" : "sale-") + random.nextInt(12);
          switch (random.nextInt(4)) {
            case 0 -> observed.absent(name);
            case 1 -> observed.uncertain(name);
            default -> observed.observed(
                app(name, states[random.nextInt(states.length)], random.nextBoolean() ? null : "s" + random.nextInt(4)));
          }
        }
        return null;
      }));
    }
    go.countDown();
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    threads.shutdown();

    List<AppObservation> all = observed.apps();
    assertThat(observed.busyCount()).isEqualTo((int) all.stream().filter(a -> a.state().busy()).count());
    assertThat(observed.named("pool-"))
        .containsExactlyElementsOf(all.stream().filter(a -> a.name().startsWith("pool-"))
            .sorted((a, b) -> a.name().compareTo(b.name())).toList());
    assertThat(observed.isEmpty()).isEqualTo(all.isEmpty());
    for (int s = 0; s < 4; s++) {
      String sale = "s" + s;
      assertThat(observed.carrying(sale)).containsExactlyInAnyOrderElementsOf(
          all.stream().filter(a -> sale.equals(a.tags().get(Ownership.SALE_ID))).toList());
    }
  }
}
