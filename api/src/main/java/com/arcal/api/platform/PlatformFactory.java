package com.arcal.api.platform;

import com.arcal.api.config.Settings;
import com.arcal.controller.azure.ArmBudgetPolicy.ArmCallListener;
import java.time.Clock;

/** Opens the platform the settings name; tests pass one that returns fakes. */
@FunctionalInterface
public interface PlatformFactory {

  /**
   * @param armCalls told of every ARM answer (metrics)
   */
  Platform open(Settings settings, ArmCallListener armCalls, Clock clock);

  /** The real platforms: the embedded emulator or Azure. */
  static PlatformFactory fromSettings() {
    return (settings, armCalls, clock) ->
        switch (settings.platform()) {
          case LOCAL -> LocalPlatform.open(settings, armCalls, clock);
          case AZURE -> AzurePlatform.open(settings, armCalls, clock);
        };
  }
}
