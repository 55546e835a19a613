package com.arcal.bench.scenario;

import com.arcal.bench.report.Figure;
import com.arcal.bench.report.Percentiles;
import com.arcal.controller.status.Phase;
import com.arcal.controller.status.StatusBoard;
import com.arcal.controller.status.StatusBoard.StatusChange;
import com.arcal.emulator.lro.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * When each app's sale first turned Running, from the status board's change stream, set against
 * when the emulator completed the app's provisioning: what the controller adds after ARM is done
 * (seeing the operation end, then StartSale), apart from L and from the time to send the PUTs.
 */
final class RunningTimes implements AutoCloseable {
  private final StatusBoard board;
  private final Map<String, Instant> runningAt = new ConcurrentHashMap<>();
  private final Consumer<StatusChange> listener =
      change ->
          change.after()
              .filter(s -> s.phase() == Phase.RUNNING)
              .ifPresent(s -> runningAt.putIfAbsent(s.appName(), Instant.now()));

  private RunningTimes(StatusBoard board) {
    this.board = board;
  }

  static RunningTimes follow(StatusBoard board) {
    RunningTimes times = new RunningTimes(board);
    board.subscribe(times.listener);
    return times;
  }

  /** Adds the provisioning-done to Running figures; operations are the emulator's records. */
  void reportAgainst(BenchContext context, String scenario, String at, List<Operation> operations) {
    List<Double> lags = new ArrayList<>();
    Instant lastDone = Instant.MIN;
    Instant lastRunning = Instant.MIN;
    for (Operation op : operations) {
      Instant running = runningAt.get(op.appName());
      if (op.type() != Operation.Type.PROVISION || op.endTime() == null || running == null) {
        continue;
      }
      lags.add(Duration.between(op.endTime(), running).toNanos() / 1e6);
      lastDone = op.endTime().isAfter(lastDone) ? op.endTime() : lastDone;
      lastRunning = running.isAfter(lastRunning) ? running : lastRunning;
    }
    if (lags.isEmpty()) {
      return;
    }
    Percentiles p = new Percentiles(lags);
    context.add(Figure.info(scenario, at + ": provisioning done -> Running, p50", p.at(50), "ms"));
    context.add(Figure.info(scenario, at + ": provisioning done -> Running, max", p.at(100), "ms"));
    context.add(Figure.info(scenario, at + ": last provisioning done -> all Running",
        Duration.between(lastDone, lastRunning).toNanos() / 1e6, "ms"));
  }

  @Override
  public void close() {
    board.unsubscribe(listener);
  }
}
