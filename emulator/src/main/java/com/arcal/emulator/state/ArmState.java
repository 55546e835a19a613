package com.arcal.emulator.state;

import com.arcal.emulator.lro.Operation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The emulated ARM state: apps, operations and address assignments. All access goes through {@link
 * #transact}, which holds the state's lock for the whole function (so check-then-write sequences
 * are atomic) and saves the state file once afterwards if anything changed.
 */
public final class ArmState {
  /** How long a completed operation stays pollable. */
  static final Duration COMPLETED_RETENTION = Duration.ofHours(1);

  private final StateStore store;
  private final Clock clock;
  // Keyed by lower-case app name. Invariant: every in-progress operation's app is here.
  private final Map<String, AppRecord> apps = new HashMap<>();
  private final Map<String, Operation> operations = new HashMap<>();
  // Operations whose completion a worker is executing right now (memory only).
  private final Set<String> completing = new HashSet<>();
  private final BindHostAllocator hosts;

  private ArmState(StateStore store, Clock clock, StateSnapshot snapshot) {
    this.store = store;
    this.clock = clock;
    snapshot.apps().forEach(a -> apps.put(key(a.name()), a));
    snapshot.operations().forEach(o -> operations.put(o.id(), o));
    this.hosts = new BindHostAllocator(snapshot.nextBindHost());
  }

  /** Loads the state file, or starts empty. */
  public static ArmState load(StateStore store, Clock clock) {
    return new ArmState(store, clock, store.load().orElse(StateSnapshot.empty(new SplittableRandom().nextInt(BindHostAllocator.CAPACITY))));
  }

  public synchronized <T> T transact(Function<Tx, T> work) {
    Tx tx = new Tx();
    T result = work.apply(tx);
    if (tx.dirty) {
      pruneCompleted();
      store.save(snapshot());
    }
    return result;
  }

  private void pruneCompleted() {
    Instant horizon = clock.instant().minus(COMPLETED_RETENTION);
    operations.values().removeIf(o -> !o.inProgress() && o.endTime().isBefore(horizon));
  }

  private StateSnapshot snapshot() {
    List<AppRecord> appList =
        apps.values().stream().sorted(Comparator.comparing(AppRecord::name)).toList();
    List<Operation> ops =
        operations.values().stream().sorted(Comparator.comparing(Operation::startTime)).toList();
    return new StateSnapshot(StateSnapshot.CURRENT_VERSION, hosts.next(), appList, ops);
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** One transaction's view of the state. Valid only inside {@link #transact}. */
  public final class Tx {
    private boolean dirty;

    private Tx() {}

    public Optional<AppRecord> app(String name) {
      return Optional.ofNullable(apps.get(key(name)));
    }

    /** Every app, sorted by name. */
    public List<AppRecord> apps() {
      return apps.values().stream().sorted(Comparator.comparing(AppRecord::name)).toList();
    }

    public Optional<Operation> operation(String id) {
      return Optional.ofNullable(operations.get(id));
    }

    public List<Operation> inProgressOperations() {
      return operations.values().stream().filter(Operation::inProgress).toList();
    }

    public void putApp(AppRecord app) {
      apps.put(key(app.name()), app);
      dirty = true;
    }

    public void removeApp(String name) {
      dirty |= apps.remove(key(name)) != null;
    }

    public void putOperation(Operation op) {
      operations.put(op.id(), op);
      dirty = true;
    }

    /** A loopback address no app holds and where nothing else listens on {@code ports}. */
    public String allocateBindHost(List<Integer> ports) {
      Set<String> inUse =
          apps.values().stream().map(AppRecord::bindHost).collect(Collectors.toSet());
      dirty = true;
      return hosts.allocate(inUse, ip -> LoopbackPorts.free(ip, ports));
    }

    /** Marks an operation as being completed by the caller; false if someone else already is. */
    public boolean claim(String operationId) {
      return completing.add(operationId);
    }

    public void release(String operationId) {
      completing.remove(operationId);
    }

    public Instant now() {
      return clock.instant();
    }
  }
}
