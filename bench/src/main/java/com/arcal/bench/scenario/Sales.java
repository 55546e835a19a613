package com.arcal.bench.scenario;

import com.arcal.controller.sale.SaleId;
import com.arcal.controller.sale.SaleSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The bench's sales: ids {@code b00001...}, each with a small configuration. */
final class Sales {
  private Sales() {}

  static SaleId id(int n) {
    return new SaleId(String.format("b%05d", n));
  }

  static List<SaleId> ids(int from, int count) {
    List<SaleId> ids = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      ids.add(id(i));
    }
    return ids;
  }

  static SaleSpec spec(int variant) {
    return SaleSpec.ofConfig(Map.of("lots", "12", "currency", "EUR", "variant", Integer.toString(variant)));
  }

  static Map<SaleId, SaleSpec> specs(List<SaleId> ids) {
    Map<SaleId, SaleSpec> all = new LinkedHashMap<>();
    ids.forEach(id -> all.put(id, spec(0)));
    return all;
  }
}
