package com.arcal.bench.rig;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Prints one progress line periodically while a long phase runs (a cheap timeline for profiling). */
public final class Progress implements AutoCloseable {
  private final ScheduledExecutorService timer;

  public Progress(PrintStream out, Duration every, Supplier<String> line) {
    long start = System.nanoTime();
    this.timer = Executors.newSingleThreadScheduledExecutor(
        new ThreadFactoryBuilder().setNameFormat("bench-progress").setDaemon(true).build());
    timer.scheduleAtFixedRate(
        () -> out.printf("   t=%5.1fs %s%n", (System.nanoTime() - start) / 1e9, line.get()),
        every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
