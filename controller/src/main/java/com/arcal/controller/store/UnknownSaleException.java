package com.arcal.controller.store;

import com.arcal.controller.ArcalException;
import com.arcal.controller.sale.SaleId;

/** The named sale is not in the desired state. */
public class UnknownSaleException extends ArcalException {
  private static final long serialVersionUID = 1L;

  public UnknownSaleException(SaleId id) {
    super("sale '" + id + "' is not in the desired state", false);
  }
}
