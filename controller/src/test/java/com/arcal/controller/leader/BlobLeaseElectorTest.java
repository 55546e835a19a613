package com.arcal.controller.leader;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The elector's timing rules, driven step by step on a hand-moved monotonic clock. */
class BlobLeaseElectorTest {
  private static final LeaseSettings SETTINGS = LeaseSettings.defaults(); // 15 s / 10 s / 2 s

  /** A lease whose answers the test scripts: true, false, or a failure (null). */
  private static final class ScriptedLease implements Lease {
    final LinkedList<Boolean> answers = new LinkedList<>(); // null: a failure
    final List<String> calls = new ArrayList<>();

    private boolean answer(String call) {
      calls.add(call);
      Boolean next = answers.isEmpty() ? Boolean.TRUE : answers.poll();
      if (next == null) {
        throw new IllegalStateException("storage unreachable");
      }
      return next;
    }

    @Override
    public boolean acquire(Duration duration, Duration timeout) {
      return answer("acquire " + duration.toSeconds());
    }

    @Override
    public boolean renew(Duration timeout) {
      return answer("renew");
    }

    @Override
    public void release(Duration timeout) {
      calls.add("release");
    }
  }

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final ScriptedLease lease = new ScriptedLease();
  private final List<Boolean> told = new ArrayList<>();
  private final BlobLeaseElector elector =
      new BlobLeaseElector(lease, "lock", SETTINGS, nanos::get, "replica-a");

  {
    elector.addListener(told::add);
  }

  @AfterEach
  void tearDown() {
    elector.abandon();
  }

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Test
  void aFollowerLeadsOnceItAcquiresTheLease() {
    lease.answers.add(false);
    elector.tick();
    assertThat(elector.isLeader()).isFalse();

    advance(Duration.ofSeconds(2));
    lease.answers.add(true);
    elector.tick();

    assertThat(elector.isLeader()).isTrue();
    assertThat(told).containsExactly(true);
    assertThat(lease.calls).containsExactly("acquire 15", "acquire 15");
  }

  @Test
  void aLeaderThatCannotRenewStopsLeadingAtTheRenewDeadline() {
    elector.tick(); // acquired at t0
    advance(Duration.ofSeconds(2));
    lease.answers.add(null);
    elector.tick(); // renewal fails
    advance(Duration.ofSeconds(2));
    lease.answers.add(null);
    elector.tick();

    advance(Duration.ofMillis(5_999)); // t0 + 9.999 s
    assertThat(elector.isLeader()).isTrue();
    advance(Duration.ofMillis(1)); // t0 + 10 s: the deadline, 5 s before the lease can expire
    assertThat(elector.isLeader()).as("no thread needed: the check is on the clock").isFalse();

    elector.checkDeadline();
    assertThat(told).containsExactly(true, false);
  }

  @Test
  void theDeadlineCountsFromWhenTheLastGoodRenewalWasSent() {
    elector.tick(); // acquired at t0
    advance(Duration.ofSeconds(8));
    elector.tick(); // renewed, sent at t0 + 8 s
    lease.answers.add(null);
    advance(Duration.ofSeconds(9));
    elector.tick(); // t0 + 17 s: fails

    assertThat(elector.isLeader()).isTrue();
    advance(Duration.ofSeconds(1)); // t0 + 18 s = last renewal + 10 s
    assertThat(elector.isLeader()).isFalse();
  }

  @Test
  void aLeaderWhoseLeaseWasTakenStepsDownAtOnce() {
    elector.tick();
    lease.answers.add(false);
    advance(Duration.ofSeconds(2));

    elector.tick();

    assertThat(elector.isLeader()).isFalse();
    assertThat(told).containsExactly(true, false);
  }

  @Test
  void closeReleasesTheLeaseAndAbandonDoesNot() {
    elector.tick();
    elector.close();
    assertThat(elector.isLeader()).isFalse();
    assertThat(lease.calls).containsExactly("acquire 15", "release");
    assertThat(told).containsExactly(true, false);

    ScriptedLease other = new ScriptedLease();
    BlobLeaseElector killed = new BlobLeaseElector(other, "lock", SETTINGS, nanos::get, "b");
    killed.tick();
    killed.abandon();
    assertThat(killed.isLeader()).isFalse();
    assertThat(other.calls).containsExactly("acquire 15");
  }

  @Test
  void theLockBlobDefaultsToOneBesideTheStateBlob() {
    assertThat(BlobLeaseElector.lockUrlBeside("https://a.blob.core.windows.net/arcal/state.json"))
        .isEqualTo("https://a.blob.core.windows.net/arcal/state.json.lock");
    assertThat(BlobLeaseElector.lockUrlBeside("https://a/c/state.json?sv=1"))
        .isEqualTo("https://a/c/state.json.lock?sv=1");
  }
}
