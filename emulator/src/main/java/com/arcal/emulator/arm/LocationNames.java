package com.arcal.emulator.arm;

import java.util.Locale;
import java.util.Map;

/**
 * Azure location spellings: requests may say {@code westeurope} or {@code West Europe}; resources
 * come back with the display name, operation URLs carry the short name.
 */
public final class LocationNames {
  private static final Map<String, String> DISPLAY =
      Map.ofEntries(
          Map.entry("westeurope", "West Europe"),
          Map.entry("northeurope", "North Europe"),
          Map.entry("francecentral", "France Central"),
          Map.entry("germanywestcentral", "Germany West Central"),
          Map.entry("swedencentral", "Sweden Central"),
          Map.entry("uksouth", "UK South"),
          Map.entry("eastus", "East US"),
          Map.entry("eastus2", "East US 2"),
          Map.entry("centralus", "Central US"),
          Map.entry("westus", "West US"),
          Map.entry("westus2", "West US 2"),
          Map.entry("westus3", "West US 3"),
          Map.entry("southeastasia", "Southeast Asia"),
          Map.entry("japaneast", "Japan East"),
          Map.entry("australiaeast", "Australia East"));

  private LocationNames() {}

  /** {@code West Europe} → {@code westeurope}. */
  public static String shortName(String location) {
    return location.replace(" ", "").toLowerCase(Locale.ROOT);
  }

  /** {@code westeurope} → {@code West Europe}; unknown locations are returned as sent. */
  public static String displayName(String location) {
    return DISPLAY.getOrDefault(shortName(location), location);
  }
}
