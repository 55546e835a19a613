package com.arcal.controller.store;

import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import java.time.Clock;
import java.util.Map;

/**
 * The hand-written fake of {@link DesiredStateStore} shared by every test: the real {@link
 * DocumentStore} (same generation, version and write rules as {@link FileDesiredStateStore}, so
 * both give the same version for the same sales) over a {@link MemoryStorage}, plus hooks to
 * play an operator's hand edit, a broken document and a failing disk.
 */
public final class InMemoryDesiredStateStore extends DocumentStore {
  private final MemoryStorage memory;
  private final AppNaming naming;
  private final DesiredStateCodec codec;

  public InMemoryDesiredStateStore(AppNaming naming, Clock clock, boolean createdFresh) {
    this(new MemoryStorage(createdFresh), naming, clock);
  }

  /** A store as found on a first start: no document yet. */
  public InMemoryDesiredStateStore(AppNaming naming) {
    this(naming, Clock.systemUTC(), true);
  }

  private InMemoryDesiredStateStore(MemoryStorage memory, AppNaming naming, Clock clock) {
    super(memory, naming, clock);
    this.memory = memory;
    this.naming = naming;
    this.codec = new DesiredStateCodec(naming);
  }

  /**
   * Plays an operator's valid hand edit of the document: no version check, generation rules
   * applied, any problem cleared (as when a broken file is fixed), listeners told.
   */
  public DesiredState handEdit(Map<SaleId, SaleSpec> sales) {
    sales.keySet().forEach(naming::requireValid);
    // Written with the generations the rules give, as the real store writes them back.
    memory.edit(codec.encode(Generations.replace(snapshot().sales(), sales).values()));
    return snapshot();
  }

  /** Plays a broken document: the state in force stays, writes are refused, problem() says why. */
  public void reportProblem(String message) {
    memory.breakDocument(message);
  }

  /** Plays fixing the document back to the state in force. */
  public void clearProblem() {
    memory.fix();
  }

  /** Plays a read-only folder or full disk: every write fails with this reason until healed. */
  public void failWrites(String reason) {
    memory.failWrites(reason);
  }

  public void healWrites() {
    memory.failWrites(null);
  }
}
