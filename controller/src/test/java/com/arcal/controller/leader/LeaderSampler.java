package com.arcal.controller.leader;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the leaders among some electors at a fixed rate, in the background, for as long as it
 * is open: the "exactly one leader at any time" check, sampled.
 */
public final class LeaderSampler implements AutoCloseable {
  private final List<? extends LeaderElector> electors;
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "leader-sampler");
            t.setDaemon(true);
            return t;
          });
  private final AtomicInteger samples = new AtomicInteger();
  private final AtomicInteger none = new AtomicInteger();
  private final AtomicInteger one = new AtomicInteger();
  private final AtomicInteger several = new AtomicInteger();

  public LeaderSampler(List<? extends LeaderElector> electors, Duration every) {
    this.electors = List.copyOf(electors);
    sampler.scheduleAtFixedRate(this::sample, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void sample() {
    long leaders = electors.stream().filter(LeaderElector::isLeader).count();
    samples.incrementAndGet();
    (leaders == 0 ? none : leaders == 1 ? one : several).incrementAndGet();
  }

  public int samples() {
    return samples.get();
  }

  public int withNoLeader() {
    return none.get();
  }

  public int withOneLeader() {
    return one.get();
  }

  /** Samples that found two leaders or more: must stay 0. */
  public int withSeveralLeaders() {
    return several.get();
  }

  @Override
  public String toString() {
    return samples() + " samples: " + withOneLeader() + " with one leader, " + withNoLeader()
        + " with none, " + withSeveralLeaders() + " with several";
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
