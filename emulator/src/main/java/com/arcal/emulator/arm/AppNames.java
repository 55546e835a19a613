package com.arcal.emulator.arm;

import java.util.regex.Pattern;

/** Azure's container app naming rule. */
public final class AppNames {
  // 2-32 characters: a letter, then up to 30 of [a-z0-9-], then a letter or digit.
  private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9-]{0,30}[a-z0-9]");

  private AppNames() {}

  public static boolean isValid(String name) {
    return name != null && VALID.matcher(name).matches() && !name.contains("--");
  }

  /** Throws Azure's 400 {@code ContainerAppInvalidName} unless {@code name} is valid. */
  public static void require(String name) {
    if (!isValid(name)) {
      throw ArmErrors.invalidName(name);
    }
  }
}
