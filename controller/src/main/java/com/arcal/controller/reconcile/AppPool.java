package com.arcal.controller.reconcile;

import com.arcal.controller.azure.AppObservation;
import com.arcal.controller.sale.DesiredSale;
import com.arcal.controller.sale.SaleId;
import java.util.Optional;

/**
 * Where a new sale can take an already running engine app instead of creating one (the warm
 * pool, package {@code pool}), and where a sale finds the app it took: such an app is not named
 * after the sale. {@link #NONE} when there is no pool: every sale's app is named after it.
 */
public interface AppPool {
  AppPool NONE = new AppPool() {
    @Override
    public Optional<AppObservation> claim(DesiredSale sale) {
      return Optional.empty();
    }

    @Override
    public Optional<String> appOf(SaleId sale) {
      return Optional.empty();
    }
  };

  /** Binds a ready app to this new sale and returns it, or empty: create the sale's own app. */
  Optional<AppObservation> claim(DesiredSale sale);

  /** The name of the app this sale took from the pool, if it took one. */
  Optional<String> appOf(SaleId sale);
}
