package com.arcal.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.controller.blob.Azurite;
import com.arcal.controller.blob.AzuriteExtension;
import com.arcal.controller.leader.BlobLeaseElector;
import com.arcal.controller.leader.LeaseSettings;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import com.arcal.controller.store.BlobDesiredStateStore;
import com.arcal.emulator.runtime.RuntimeSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two orchestrator replicas sharing one desired-state blob (Azurite) and one emulated Azure:
 * only the leader reconciles, and when it dies the other takes over without creating any app
 * twice.
 */
@ExtendWith(AzuriteExtension.class)
class HighAvailabilityIT {
  private static final LeaseSettings LEASE = LeaseSettings.defaults();
  private static final Duration CONVERGE = Duration.ofSeconds(60);
  private static final Duration TAKEOVER =
      LEASE.leaseDuration().plus(LEASE.retryPeriod()).plusSeconds(1);

  @TempDir Path dir;

  /** One replica: its own store on the shared blob, its own elector, its own controller. */
  private record Replica(
      BlobDesiredStateStore store, BlobLeaseElector elector, TestOrchestrator orchestrator)
      implements AutoCloseable {

    static Replica start(EmulatedAzure azure, Azurite azurite, String stateUrl) {
      BlobDesiredStateStore store =
          BlobDesiredStateStore.open(
              azurite.connection(), stateUrl, TestOrchestrator.NAMING, Clock.systemUTC(),
              Duration.ofMillis(200));
      BlobLeaseElector elector =
          BlobLeaseElector.open(
              azurite.connection(), BlobLeaseElector.lockUrlBeside(stateUrl), LEASE);
      TestOrchestrator orchestrator = new TestOrchestrator(azure, store, elector);
      orchestrator.start();
      elector.start();
      return new Replica(store, elector, orchestrator);
    }

    void desire(String sale) {
      store.put(new SaleId(sale), SaleSpec.ofConfig(Map.of("lots", "3")), Optional.empty());
    }

    boolean allRunning(List<String> sales) {
      return sales.stream().allMatch(orchestrator::running);
    }

    /** As kill -9 would leave things: the lease is not released, nothing is finished. */
    void kill() {
      elector.abandon();
      orchestrator.close();
      store.close();
    }

    @Override
    public void close() {
      orchestrator.close();
      elector.close();
      store.close();
    }
  }

  private static long created(EmulatedAzure azure) {
    return azure.emulator.stats().count(k -> k.method().equals("PUT") && k.status() == 201);
  }

  @Test
  void twoReplicasKeepEverySaleRunningThroughTheLossOfTheLeader(Azurite azurite) {
    String stateUrl = azurite.newBlobUrl("desired-state.json");
    try (EmulatedAzure azure =
            EmulatedAzure.start(dir, RuntimeSettings.Mode.IN_PROCESS, Duration.ofSeconds(1));
        Replica a = Replica.start(azure, azurite, stateUrl);
        Replica b = Replica.start(azure, azurite, stateUrl)) {
      await().atMost(Duration.ofSeconds(10))
          .until(() -> a.elector().isLeader() || b.elector().isLeader());
      Replica leader = a.elector().isLeader() ? a : b;
      Replica follower = leader == a ? b : a;

      List<String> first = List.of("vente-01", "vente-02", "vente-03");
      first.forEach(follower::desire); // any replica takes writes: they go to the shared blob
      await().atMost(CONVERGE).until(() -> created(azure) == first.size());

      // Killed with its creations accepted but (mostly) not finished: the new leader must find
      // them by their tags and provisioningState, not start them again.
      long killed = System.nanoTime();
      leader.kill();
      assertThat(follower.orchestrator().parts.board().all()).as("the follower acted").isEmpty();
      await().atMost(TAKEOVER).until(() -> follower.elector().isLeader());
      long tookOver = System.nanoTime();
      List<String> all = List.of("vente-01", "vente-02", "vente-03", "vente-04", "vente-05");
      follower.desire("vente-04");
      follower.desire("vente-05");
      await().atMost(CONVERGE).until(() -> follower.allRunning(all));
      long converged = System.nanoTime();

      System.out.println("HA-FIGURE two controllers, leader killed: the other leads "
          + Duration.ofNanos(tookOver - killed).toMillis() + " ms after the kill; all "
          + all.size() + " sales Running on it " + Duration.ofNanos(converged - killed).toMillis()
          + " ms after the kill");
      assertThat(created(azure)).as("no app created twice").isEqualTo(all.size());
      assertThat(azure.emulator.stats().count(k -> k.method().equals("DELETE"))).isZero();
    }
  }
}
