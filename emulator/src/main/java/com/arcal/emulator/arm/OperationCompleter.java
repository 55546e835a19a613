package com.arcal.emulator.arm;

import com.arcal.emulator.lro.Operation;
import com.arcal.emulator.runtime.ContainerRuntime;
import com.arcal.emulator.runtime.ContainerSpec;
import com.arcal.emulator.runtime.ReplicaStatus;
import com.arcal.emulator.state.AppRecord;
import com.arcal.emulator.state.ArmState;
import com.arcal.emulator.state.ProvisioningState;
import com.arcal.emulator.state.RevisionRecord;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes due operations: asks the runtime to run or remove the app's replica, then records the
 * outcome. Runtime calls happen outside the state lock (a graceful stop can take seconds); the
 * app's in-flight operation keeps other writes out meanwhile.
 */
public final class OperationCompleter {
  private static final Logger LOG = LoggerFactory.getLogger(OperationCompleter.class);
  private static final String FAILED_CODE = "ContainerAppOperationError";

  private final ArmState state;
  private final ContainerRuntime runtime;
  private final int keepRevisions;
  /** One monitor per app name, for {@link #ensureOnce}. */
  private final Map<String, Object> starting = new ConcurrentHashMap<>();

  public OperationCompleter(ArmState state, ContainerRuntime runtime, int keepRevisions) {
    this.state = state;
    this.runtime = runtime;
    this.keepRevisions = keepRevisions;
  }

  /** A claimed operation and its app. */
  private record Claimed(Operation op, AppRecord app) {}

  /**
   * Starts the container of a provisioning still in progress, ahead of its completion; nothing
   * if the operation ended, its app moved on, or its container already runs.
   */
  public void startContainer(String operationId) {
    Optional<ContainerSpec> spec =
        state.transact(
            tx ->
                tx.operation(operationId)
                    .filter(Operation::inProgress)
                    .flatMap(op -> tx.app(op.appName()))
                    .filter(a -> operationId.equals(a.operationId()))
                    .map(OperationCompleter::pendingContainer));
    spec.ifPresent(s -> {
      try {
        ensureOnce(s);
      } catch (RuntimeException e) {
        // Retried when the operation completes, which reports the failure.
        LOG.debug("early start of app {} failed: {}", s.appName(), e.getMessage());
      }
    });
  }

  /**
   * Runs the revision unless the runtime already runs (or is starting) it. One app at a time:
   * the early start and the completion may come together (a short latency), and the runtime
   * should see one start.
   */
  private void ensureOnce(ContainerSpec spec) {
    synchronized (starting.computeIfAbsent(spec.appName(), k -> new Object())) {
      if (!runs(spec)) {
        runtime.ensureRunning(spec);
      }
    }
  }

  private static ContainerSpec pendingContainer(AppRecord app) {
    String revision = app.pendingRevisionName();
    return ContainerSpecs.of(
        app,
        revision,
        app.spec().template(),
        ContainerSpecs.ports(app.spec().configuration()));
  }

  /** True when the runtime already runs (or is starting) this revision of the app. */
  private boolean runs(ContainerSpec spec) {
    return runtime
        .replica(spec.appName())
        .filter(r -> r.revisionName().equals(spec.revisionName()))
        .filter(r -> r.state() != ReplicaStatus.State.TERMINATED)
        .isPresent();
  }

  /** Completes the operation if it is in progress, due, and nobody else is completing it. */
  public void complete(String operationId) {
    Optional<Claimed> claimed = state.transact(tx -> claim(tx, operationId));
    if (claimed.isEmpty()) {
      return;
    }
    try {
      if (claimed.get().op().type() == Operation.Type.PROVISION) {
        provision(claimed.get());
      } else {
        delete(claimed.get());
      }
    } finally {
      state.transact(
          tx -> {
            tx.release(operationId);
            return null;
          });
    }
  }

  private static Optional<Claimed> claim(ArmState.Tx tx, String id) {
    Optional<Operation> op = tx.operation(id);
    if (op.isEmpty() || !op.get().inProgress() || tx.now().isBefore(op.get().dueAt())) {
      return Optional.empty();
    }
    Optional<AppRecord> app = tx.app(op.get().appName()).filter(a -> id.equals(a.operationId()));
    if (app.isEmpty()) {
      tx.putOperation(op.get().failed(tx.now(), error("The container app no longer exists.")));
      return Optional.empty();
    }
    return tx.claim(id) ? Optional.of(new Claimed(op.get(), app.get())) : Optional.empty();
  }

  private void provision(Claimed c) {
    AppRecord app = c.app();
    String revision = app.pendingRevisionName();
    RevisionRecord record =
        new RevisionRecord(
            revision,
            c.op().dueAt(),
            true,
            app.spec().template(),
            ContainerSpecs.ports(app.spec().configuration()));
    if (c.op().failPlanned()) {
      failProvision(c, record, "The revision failed to provision (injected fault).");
      return;
    }
    ContainerSpec spec = ContainerSpecs.of(app, revision, record.template(), record.ports());
    try {
      ensureOnce(spec); // usually started ahead (startContainer)
    } catch (RuntimeException e) {
      LOG.warn("runtime could not run app {}", app.name(), e);
      failProvision(c, record, "The container could not be started: " + e.getMessage());
      return;
    }
    state.transact(
        tx -> {
          tx.app(app.name())
              .ifPresent(
                  a -> tx.putApp(a.settled(ProvisioningState.Succeeded, record, keepRevisions)));
          tx.putOperation(c.op().succeeded(tx.now()));
          return null;
        });
  }

  private void failProvision(Claimed c, RevisionRecord attempted, String why) {
    AppRecord app = c.app();
    // A failed configuration-only change leaves the running revision as it was.
    RevisionRecord failed =
        attempted.name().equalsIgnoreCase(app.latestReadyRevisionName())
            ? null
            : new RevisionRecord(
                attempted.name(),
                attempted.createdAt(),
                false,
                attempted.template(),
                attempted.ports());
    String message =
        "Failed to provision revision for container app '"
            + app.name()
            + "'. Error details: "
            + why;
    state.transact(
        tx -> {
          tx.app(app.name())
              .ifPresent(
                  a -> tx.putApp(a.settled(ProvisioningState.Failed, failed, keepRevisions)));
          tx.putOperation(c.op().failed(tx.now(), error(message)));
          return null;
        });
  }

  private void delete(Claimed c) {
    String name = c.app().name();
    if (c.op().failPlanned()) {
      failDelete(c, "The deletion failed (injected fault).");
      return;
    }
    try {
      runtime.remove(name);
      starting.remove(name);
    } catch (RuntimeException e) {
      LOG.warn("runtime could not remove app {}", name, e);
      failDelete(c, "The container could not be stopped: " + e.getMessage());
      return;
    }
    state.transact(
        tx -> {
          tx.removeApp(name);
          tx.putOperation(c.op().succeeded(tx.now()));
          return null;
        });
  }

  private void failDelete(Claimed c, String why) {
    String message =
        "Failed to delete container app '" + c.app().name() + "'. Error details: " + why;
    state.transact(
        tx -> {
          tx.app(c.app().name())
              .ifPresent(a -> tx.putApp(a.settled(ProvisioningState.Failed, null, keepRevisions)));
          tx.putOperation(c.op().failed(tx.now(), error(message)));
          return null;
        });
  }

  private static Operation.OperationError error(String message) {
    return new Operation.OperationError(FAILED_CODE, message);
  }
}
