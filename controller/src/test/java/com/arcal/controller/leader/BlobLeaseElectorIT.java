package com.arcal.controller.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arcal.controller.blob.Azurite;
import com.arcal.controller.blob.AzuriteExtension;
import com.arcal.controller.blob.BlobConnection;
import com.arcal.controller.blob.Partition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Leader election on a blob lease in Azurite, with the production timing (15 s lease, 10 s
 * renew deadline, 2 s retry period). Tests run in parallel: each waits for a lease to expire.
 */
@ExtendWith(AzuriteExtension.class)
@Execution(ExecutionMode.CONCURRENT)
class BlobLeaseElectorIT {
  private static final LeaseSettings SETTINGS = LeaseSettings.defaults();
  private static final Duration SAMPLE_EVERY = Duration.ofMillis(50);
  private static final Duration FIRST_LEADER = Duration.ofSeconds(10);
  /**
   * After the leader dies its lease expires within leaseDuration, and a follower tries every
   * retry period; plus slack for a loaded 2-core machine.
   */
  private static final Duration TAKEOVER_BOUND =
      SETTINGS.leaseDuration().plus(SETTINGS.retryPeriod()).plusMillis(1500);

  private final List<BlobLeaseElector> electors = new ArrayList<>();
  private Azurite azurite;

  @BeforeEach
  void setUp(Azurite azurite) {
    this.azurite = azurite;
  }

  @AfterEach
  void closeAll() {
    electors.forEach(BlobLeaseElector::close);
  }

  private List<BlobLeaseElector> replicas(String lockUrl, int n) {
    List<BlobLeaseElector> made = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      made.add(replica(azurite.connection(), lockUrl));
    }
    return made;
  }

  private BlobLeaseElector replica(BlobConnection connection, String lockUrl) {
    BlobLeaseElector elector = BlobLeaseElector.open(connection, lockUrl, SETTINGS);
    electors.add(elector);
    return elector;
  }

  private static BlobLeaseElector awaitLeader(List<BlobLeaseElector> among, Duration atMost) {
    await().atMost(atMost).until(() -> among.stream().anyMatch(LeaderElector::isLeader));
    return among.stream().filter(LeaderElector::isLeader).findFirst().orElseThrow();
  }

  private static void report(String figure) {
    System.out.println("HA-FIGURE " + figure);
  }

  @Test
  void twoReplicasHaveExactlyOneLeaderAndAReleasedLeaseIsTakenAtOnce() {
    List<BlobLeaseElector> two = replicas(azurite.newBlobUrl("state.json.lock"), 2);
    two.forEach(LeaderElector::start);
    BlobLeaseElector leader = awaitLeader(two, FIRST_LEADER);

    try (LeaderSampler sampler = new LeaderSampler(two, SAMPLE_EVERY)) {
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
          .until(() -> sampler.withSeveralLeaders() == 0 && sampler.withNoLeader() == 0);
      report("two replicas, steady: " + sampler);

      long released = System.nanoTime();
      leader.close();
      BlobLeaseElector next = awaitLeader(two, SETTINGS.retryPeriod().plusSeconds(2));
      report("graceful handover (release): "
          + Duration.ofNanos(System.nanoTime() - released).toMillis() + " ms");

      assertThat(next).isNotSameAs(leader);
      assertThat(sampler.withSeveralLeaders()).as(sampler.toString()).isZero();
    }
  }

  @Test
  void whenTheLeaderIsKilledAFollowerLeadsWithinTheLeaseDuration() {
    List<BlobLeaseElector> three = replicas(azurite.newBlobUrl("state.json.lock"), 3);
    three.forEach(LeaderElector::start);
    BlobLeaseElector leader = awaitLeader(three, FIRST_LEADER);

    try (LeaderSampler sampler = new LeaderSampler(three, SAMPLE_EVERY)) {
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
          .until(() -> sampler.withSeveralLeaders() == 0 && sampler.withNoLeader() == 0);

      long lastRenewal = leader.renewedAtNanos();
      long killed = System.nanoTime();
      leader.abandon(); // kill -9: the lease stays until it expires
      List<BlobLeaseElector> survivors = three.stream().filter(e -> e != leader).toList();
      BlobLeaseElector next = awaitLeader(survivors, TAKEOVER_BOUND);
      long tookOver = System.nanoTime();

      report("three replicas, leader killed: follower leads "
          + Duration.ofNanos(tookOver - killed).toMillis() + " ms after the kill, "
          + Duration.ofNanos(tookOver - lastRenewal).toMillis()
          + " ms after the dead leader's last renewal; " + sampler);
      assertThat(Duration.ofNanos(tookOver - killed)).isLessThanOrEqualTo(TAKEOVER_BOUND);
      assertThat(Duration.ofNanos(tookOver - lastRenewal))
          .as("the lease protected the dead leader's term to its end")
          .isGreaterThanOrEqualTo(SETTINGS.leaseDuration().minusMillis(500));
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
          .until(() -> next.isLeader() && sampler.withSeveralLeaders() == 0);
      assertThat(sampler.withSeveralLeaders()).as(sampler.toString()).isZero();
    }
  }

  @Test
  void aLeaderCutOffFromStorageStepsDownBeforeItsLeaseCanExpire() {
    String lockUrl = azurite.newBlobUrl("state.json.lock");
    Partition partition = new Partition(Duration.ofSeconds(3));
    BlobLeaseElector cutOff = replica(azurite.connection().withPolicy(partition), lockUrl);
    AtomicLong steppedDown = new AtomicLong();
    cutOff.addListener(leading -> {
      if (!leading) {
        steppedDown.set(System.nanoTime());
      }
    });
    cutOff.start();
    awaitLeader(List.of(cutOff), FIRST_LEADER);
    BlobLeaseElector other = replica(azurite.connection(), lockUrl);
    AtomicLong tookOver = new AtomicLong();
    other.addListener(leading -> {
      if (leading) {
        tookOver.set(System.nanoTime());
      }
    });
    other.start();

    try (LeaderSampler sampler = new LeaderSampler(List.of(cutOff, other), SAMPLE_EVERY)) {
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
          .until(() -> cutOff.isLeader() && !other.isLeader());

      partition.cut(); // every request of cutOff now hangs 3 s, then fails
      long cut = System.nanoTime();
      await().atMost(TAKEOVER_BOUND).until(() -> tookOver.get() != 0);
      partition.heal();

      long lastRenewal = cutOff.renewedAtNanos();
      Duration leadAfterRenewal = Duration.ofNanos(steppedDown.get() - lastRenewal);
      Duration margin = Duration.ofNanos(tookOver.get() - steppedDown.get());
      report("leader partitioned from storage: stepped down "
          + leadAfterRenewal.toMillis() + " ms after its last renewal ("
          + Duration.ofNanos(steppedDown.get() - cut).toMillis() + " ms after the cut); the other"
          + " replica led " + margin.toMillis() + " ms after that; " + sampler);
      assertThat(steppedDown.get()).as("stepped down").isPositive();
      // isLeader() turns false exactly at the deadline; listeners hear of it within ~100 ms.
      assertThat(leadAfterRenewal)
          .isLessThanOrEqualTo(SETTINGS.renewDeadline().plusSeconds(1))
          .isLessThan(SETTINGS.leaseDuration());
      assertThat(margin).as("no overlap: the new leader starts after the old one stopped")
          .isPositive();
      assertThat(sampler.withSeveralLeaders()).as(sampler.toString()).isZero();
    }
  }
}
