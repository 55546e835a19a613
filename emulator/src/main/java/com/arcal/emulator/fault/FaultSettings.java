package com.arcal.emulator.fault;

import com.arcal.emulator.OperationKind;
import java.util.Map;

/**
 * A fault injector's random seed and rates per operation kind (kinds not listed get no faults). An
 * emulator starts with {@link #none()}; rates are changed at run time through {@link FaultInjector}.
 */
public record FaultSettings(long seed, Map<OperationKind, FaultRates> rates) {

  public FaultSettings {
    rates = Map.copyOf(rates);
  }

  public static FaultSettings none() {
    return new FaultSettings(42L, Map.of());
  }
}
