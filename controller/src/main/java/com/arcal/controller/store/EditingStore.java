package com.arcal.controller.store;

import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.DesiredState;
import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.UnaryOperator;

/**
 * The three edits every store offers, as {@link Generations} rules applied through one atomic,
 * conditional {@link #write}: each store only says how it writes.
 */
abstract class EditingStore implements DesiredStateStore {
  private final AppNaming naming;

  EditingStore(AppNaming naming) {
    this.naming = naming;
  }

  /**
   * Applies {@code edit} to the sales in force and stores the result, atomically, if the version
   * in force is {@code expectedVersion} (when given); otherwise {@link StaleVersionException}.
   */
  protected abstract DesiredState write(
      Optional<String> expectedVersion, UnaryOperator<SortedMap<SaleId, DesiredSale>> edit);

  /**
   * The sales after {@code edit}, or empty when it changes nothing; {@link
   * StaleVersionException} when {@code expectedVersion} is given and is not {@code before}'s.
   */
  static Optional<SortedMap<SaleId, DesiredSale>> edited(
      DesiredState before,
      Optional<String> expectedVersion,
      UnaryOperator<SortedMap<SaleId, DesiredSale>> edit) {
    if (expectedVersion.isPresent() && !expectedVersion.get().equals(before.version())) {
      throw new StaleVersionException(expectedVersion.get(), before.version());
    }
    SortedMap<SaleId, DesiredSale> after = edit.apply(before.sales());
    return after.equals(before.sales()) ? Optional.empty() : Optional.of(after);
  }

  @Override
  public final DesiredState put(SaleId id, SaleSpec spec, Optional<String> expectedVersion) {
    naming.appName(id);
    return write(expectedVersion, sales -> Generations.put(sales, id, spec));
  }

  @Override
  public final DesiredState delete(SaleId id, Optional<String> expectedVersion) {
    return write(expectedVersion, sales -> Generations.delete(sales, id));
  }

  @Override
  public final DesiredState replace(Map<SaleId, SaleSpec> sales, String expectedVersion) {
    sales.keySet().forEach(naming::appName);
    return write(Optional.of(expectedVersion), inForce -> Generations.replace(inForce, sales));
  }
}
