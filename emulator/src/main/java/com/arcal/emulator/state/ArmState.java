package com.arcal.emulator.state;

import com.arcal.emulator.lro.Operation;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The emulated ARM state: apps, operations and address assignments. All access goes through {@link
 * #transact}, which holds the state's lock for the whole function (so check-then-write sequences
 * are atomic) and, if anything changed, appends the changed records to the journal before
 * returning ({@link StateStore}), so a change is on disk before ARM answers for it. The journal is
 * folded into a full snapshot once it holds more lines than twice the apps (at least {@link
 * #MIN_COMPACTION}): a write's cost stays constant on average, whatever the fleet's size.
 */
public final class ArmState {
  /** How long a completed operation stays pollable. */
  static final Duration COMPLETED_RETENTION = Duration.ofHours(1);
  /**
   * How often expired operations are looked for: every write used to scan them all, a cost that
   * grew with the fleet; a retention of an hour has no use for a finer grain.
   */
  static final Duration PRUNE_INTERVAL = Duration.ofMinutes(1);
  /** Journal lines below which it is never folded into a snapshot. */
  static final int MIN_COMPACTION = 1000;

  private final StateStore store;
  private final Clock clock;
  // Keyed by lower-case app name. Invariant: every in-progress operation's app is here.
  private final Map<String, AppRecord> apps = new HashMap<>();
  private final Map<String, Operation> operations = new HashMap<>();
  // The apps' bind hosts, kept with the apps so that an allocation does not collect them all.
  private final Set<String> hostsInUse = new HashSet<>();
  // Cores held per managed environment (lower-case id): the sum of DesiredSpec.cores() of its
  // apps. Invariant: equals that sum over `apps` after every putApp/removeApp.
  private final Map<String, Double> coresByEnvironment = new HashMap<>();
  // Operations whose completion a worker is executing right now (memory only).
  private final Set<String> completing = new HashSet<>();
  private final BindHostAllocator hosts;
  private int journalLines;
  /** A journal append failed: the memory holds changes the journal lacks; save everything next. */
  private boolean snapshotNeeded;
  private Instant nextPrune = Instant.MIN;
  /** Told of the apps' addresses: all at first, then each transaction's changes (under the lock). */
  private AddressListener addressesListener = AddressListener.NONE;

  /**
   * Follows the names the environment resolves. Changes, not the whole list, after each
   * transaction: at 10,000 apps, handing over (and rewriting) every address on every creation
   * cost more CPU than the creations themselves.
   */
  public interface AddressListener {
    AddressListener NONE =
        new AddressListener() {
          @Override
          public void all(Map<String, Address> addresses) {}

          @Override
          public void changed(Map<String, Optional<Address>> changes) {}
        };

    /** Every app's name and address. */
    void all(Map<String, Address> addresses);

    /** Names given an address, or ({@code Optional.empty()}) no longer resolved, in order. */
    void changed(Map<String, Optional<Address>> changes);
  }

  /**
   * Where an app's ports listen, and the managed environment it belongs to: Azure resolves an
   * app's name only inside its own environment.
   */
  public record Address(String ip, String environmentId) {
    static Address of(AppRecord app) {
      return new Address(app.bindHost(), app.spec().environmentId());
    }
  }

  private ArmState(StateStore store, Clock clock, StateSnapshot snapshot) {
    this.store = store;
    this.clock = clock;
    snapshot.apps().forEach(a -> apps.put(key(a.name()), a));
    apps.values().forEach(a -> hostsInUse.add(a.bindHost()));
    apps.values().forEach(a -> addCores(a, 1));
    snapshot.operations().forEach(o -> operations.put(o.id(), o));
    this.hosts = new BindHostAllocator(snapshot.nextBindHost());
  }

  /**
   * Loads the snapshot and replays the journal, or starts empty; a replayed journal is folded
   * into a new snapshot at once.
   */
  public static ArmState load(StateStore store, Clock clock) {
    boolean journaled = Files.exists(store.journal());
    StateSnapshot loaded =
        store
            .load()
            .orElseGet(
                () -> StateSnapshot.empty(new SplittableRandom().nextInt(BindHostAllocator.CAPACITY)));
    ArmState state = new ArmState(store, clock, loaded);
    if (journaled) {
      state.saveSnapshot();
    }
    return state;
  }

  public synchronized <T> T transact(Function<Tx, T> work) {
    Tx tx = new Tx();
    T result = work.apply(tx);
    if (tx.dirty) {
      pruneCompleted(tx);
      persist(tx);
    }
    if (!tx.addressChanges.isEmpty()) {
      addressesListener.changed(tx.addressChanges);
    }
    return result;
  }

  /**
   * Tells {@code listener} every app's address now and after each change of them: the names the
   * environment resolves. Called under the state's lock, so changes arrive in order.
   */
  public synchronized void watchAddresses(AddressListener listener) {
    addressesListener = listener;
    listener.all(addresses());
  }

  private Map<String, Address> addresses() {
    Map<String, Address> byName = new HashMap<>();
    apps.values().forEach(a -> byName.put(a.name(), Address.of(a)));
    return byName;
  }

  /** Holds the lock. Throws when the change could not be written (it is kept for the next save). */
  private void persist(Tx tx) {
    if (snapshotNeeded || journalLines >= Math.max(MIN_COMPACTION, 2 * apps.size())) {
      saveSnapshot();
      return;
    }
    try {
      store.append(tx.entry());
      journalLines++;
    } catch (RuntimeException e) {
      snapshotNeeded = true;
      throw e;
    }
  }

  private void saveSnapshot() {
    try {
      store.save(snapshot());
      journalLines = 0;
      snapshotNeeded = false;
    } catch (RuntimeException e) {
      snapshotNeeded = true;
      throw e;
    }
  }

  private void pruneCompleted(Tx tx) {
    Instant now = clock.instant();
    if (now.isBefore(nextPrune)) {
      return;
    }
    nextPrune = now.plus(PRUNE_INTERVAL);
    Instant horizon = now.minus(COMPLETED_RETENTION);
    operations.values().removeIf(o -> {
      boolean expired = !o.inProgress() && o.endTime().isBefore(horizon);
      if (expired) {
        tx.removedOperations.add(o.id());
      }
      return expired;
    });
  }

  /** Records are immutable: copying the two maps' values is the whole snapshot. */
  private StateSnapshot snapshot() {
    return new StateSnapshot(
        StateSnapshot.CURRENT_VERSION,
        hosts.next(),
        List.copyOf(apps.values()),
        List.copyOf(operations.values()));
  }

  /** Adds ({@code sign} 1) or takes away (-1) what {@code app} holds of its environment's cores. */
  private void addCores(AppRecord app, int sign) {
    coresByEnvironment.merge(key(app.spec().environmentId()), sign * app.spec().cores(), Double::sum);
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** One transaction's view of the state. Valid only inside {@link #transact}. */
  public final class Tx {
    private boolean dirty;
    private final Map<String, Optional<Address>> addressChanges = new LinkedHashMap<>();
    private final Set<String> touchedApps = new HashSet<>();
    private final Set<String> touchedOperations = new HashSet<>();
    private final List<String> removedOperations = new ArrayList<>();

    private Tx() {}

    /** The journal line for what this transaction changed. */
    private JournalEntry entry() {
      List<AppRecord> written = new ArrayList<>();
      List<String> removed = new ArrayList<>();
      for (String name : touchedApps) {
        AppRecord app = apps.get(key(name));
        if (app == null) {
          removed.add(name);
        } else {
          written.add(app);
        }
      }
      List<Operation> ops =
          touchedOperations.stream().map(operations::get).filter(Objects::nonNull).toList();
      return new JournalEntry(written, removed, ops, removedOperations, hosts.next());
    }

    public Optional<AppRecord> app(String name) {
      return Optional.ofNullable(apps.get(key(name)));
    }

    /** Every app, sorted by name. */
    public List<AppRecord> apps() {
      return apps.values().stream().sorted(Comparator.comparing(AppRecord::name)).toList();
    }

    /**
     * The cores the apps of the managed environment {@code environmentId} hold (its canonical id,
     * any case), whatever their provisioning state: an app being created, updated or deleted
     * holds its cores until it is gone.
     */
    public double coresIn(String environmentId) {
      return coresByEnvironment.getOrDefault(key(environmentId), 0.0);
    }

    public Optional<Operation> operation(String id) {
      return Optional.ofNullable(operations.get(id));
    }

    public List<Operation> operations() {
      return List.copyOf(operations.values());
    }

    public List<Operation> inProgressOperations() {
      return operations.values().stream().filter(Operation::inProgress).toList();
    }

    public void putApp(AppRecord app) {
      AppRecord before = apps.put(key(app.name()), app);
      if (before != null) {
        hostsInUse.remove(before.bindHost());
        addCores(before, -1);
      }
      addCores(app, 1);
      hostsInUse.add(app.bindHost());
      if (before != null && !before.name().equals(app.name())) {
        addressChanges.put(before.name(), Optional.empty()); // the same app, its name's case changed
      }
      if (before == null
          || !Address.of(before).equals(Address.of(app))
          || !before.name().equals(app.name())) {
        addressChanges.put(app.name(), Optional.of(Address.of(app)));
      }
      touchedApps.add(app.name());
      dirty = true;
    }

    public void removeApp(String name) {
      AppRecord removed = apps.remove(key(name));
      if (removed != null) {
        addCores(removed, -1);
        addressChanges.put(removed.name(), Optional.empty());
        hostsInUse.remove(removed.bindHost());
        touchedApps.add(name);
        dirty = true;
      }
    }

    public void putOperation(Operation op) {
      operations.put(op.id(), op);
      touchedOperations.add(op.id());
      dirty = true;
    }

    /** A loopback address no app holds and where nothing else listens on {@code ports}. */
    public String allocateBindHost(List<Integer> ports) {
      dirty = true;
      return hosts.allocate(hostsInUse, ip -> LoopbackPorts.free(ip, ports));
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
