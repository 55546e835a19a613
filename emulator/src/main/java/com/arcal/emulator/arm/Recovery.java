package com.arcal.emulator.arm;

import com.arcal.emulator.lro.Operation;
import com.arcal.emulator.lro.OperationScheduler;
import com.arcal.emulator.runtime.ContainerRuntime;
import com.arcal.emulator.state.AppRecord;
import com.arcal.emulator.state.ArmState;
import com.arcal.emulator.state.RevisionRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the runtime back in line with the reloaded state on start: every app with a ready revision
 * runs it again (the runtime re-adopts or replaces what survived the previous run), every other
 * replica goes, and operations that were in flight resume where their clock left them.
 */
public final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  private final ArmState state;
  private final ContainerRuntime runtime;
  private final OperationScheduler scheduler;

  public Recovery(ArmState state, ContainerRuntime runtime, OperationScheduler scheduler) {
    this.state = state;
    this.runtime = runtime;
    this.scheduler = scheduler;
  }

  public void resume() {
    List<AppRecord> apps = state.transact(ArmState.Tx::apps);
    Set<String> running = new HashSet<>();
    for (AppRecord app : apps) {
      Optional<RevisionRecord> ready = app.readyRevision();
      if (ready.isPresent()) {
        running.add(app.name());
        try {
          runtime.ensureRunning(
              ContainerSpecs.of(
                  app, ready.get().name(), ready.get().template(), ready.get().ports()));
        } catch (RuntimeException e) {
          LOG.warn("could not restart app {} after reload", app.name(), e);
        }
      }
    }
    runtime.retainOnly(running);
    List<Operation> inFlight = state.transact(ArmState.Tx::inProgressOperations);
    inFlight.forEach(scheduler::schedule);
    LOG.info(
        "reloaded {} apps, {} running, {} operations in flight",
        apps.size(),
        running.size(),
        inFlight.size());
  }
}
