package com.arcal.controller.store;

import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.UnaryOperator;

/**
 * The hand-written fake of {@link DesiredStateStore} shared by every test: same generation,
 * version and write rules as {@link FileDesiredStateStore} (versions are the hash of the
 * canonical document, so both stores give the same version for the same sales), kept in memory,
 * plus hooks to play an operator's hand edit, a broken document and a failing disk.
 */
public final class InMemoryDesiredStateStore extends EditingStore {
  private final AppNaming naming;
  private final DesiredStateCodec codec;
  private final boolean createdFresh;
  private final ChangeNotifier notifier = new ChangeNotifier();
  private final ProblemTracker problems;
  private final Object lock = new Object();

  private volatile DesiredState current = DesiredState.empty(DesiredStateCodec.EMPTY_VERSION);
  private volatile String writeFailure;

  public InMemoryDesiredStateStore(AppNaming naming, Clock clock, boolean createdFresh) {
    super(naming);
    this.naming = naming;
    this.codec = new DesiredStateCodec(naming);
    this.problems = new ProblemTracker(clock);
    this.createdFresh = createdFresh;
  }

  /** A store as found on a first start: no document yet. */
  public InMemoryDesiredStateStore(AppNaming naming) {
    this(naming, Clock.systemUTC(), true);
  }

  @Override
  public DesiredState snapshot() {
    return current;
  }

  @Override
  public Optional<StoreProblem> problem() {
    return problems.current();
  }

  @Override
  public boolean createdFresh() {
    return createdFresh;
  }

  @Override
  public void watch(StoreListener listener) {
    notifier.add(listener);
  }

  @Override
  public void close() {
    // Nothing to release.
  }

  /**
   * Plays an operator's valid hand edit of the document: no version check, generation rules
   * applied, any problem cleared (as when a broken file is fixed), listeners told.
   */
  public DesiredState handEdit(Map<SaleId, SaleSpec> sales) {
    sales.keySet().forEach(naming::appName);
    synchronized (lock) {
      problems.clear("hand-edited desired state");
      apply(Generations.replace(current.sales(), sales));
    }
    notifier.deliver();
    return current;
  }

  /** Plays a broken document: the state in force stays, writes are refused, problem() says why. */
  public void reportProblem(String message) {
    problems.report(message);
  }

  /** Plays fixing the document back to the state in force. */
  public void clearProblem() {
    problems.clear("desired state");
  }

  /** Plays a read-only folder or full disk: every write fails with this reason until healed. */
  public void failWrites(String reason) {
    writeFailure = reason;
  }

  public void healWrites() {
    writeFailure = null;
  }

  @Override
  protected DesiredState write(
      Optional<String> expectedVersion, UnaryOperator<SortedMap<SaleId, DesiredSale>> edit) {
    try {
      synchronized (lock) {
        problems.requireNone();
        Optional<SortedMap<SaleId, DesiredSale>> after =
            EditingStore.edited(current, expectedVersion, edit);
        if (after.isEmpty()) {
          return current;
        }
        if (writeFailure != null) {
          throw new StoreUnavailableException(
              "cannot write the desired state: " + writeFailure + "; the previous state is unchanged",
              null);
        }
        apply(after.get());
        return current;
      }
    } finally {
      notifier.deliver();
    }
  }

  private void apply(SortedMap<SaleId, DesiredSale> sales) {
    DesiredState before = current;
    DesiredState next = new DesiredState(codec.versionOf(sales.values()), sales);
    if (!next.equals(before)) {
      current = next;
      notifier.enqueue(before, next);
    }
  }
}
