package com.arcal.controller.sale;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps sale ids to Container App names and back: {@code <prefix><saleId>}, checked against
 * Azure's rule for app names.
 */
public final class AppNaming {
  /** Azure: 2-32 chars, lowercase letters, digits and '-', starts with a letter, ends alphanumeric. */
  private static final Pattern AZURE_APP_NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}[a-z0-9]");

  public static final String RULE =
      "Container App names (prefix + sale id) must be 2-32 characters of lowercase letters,"
          + " digits and '-', start with a letter, end with a letter or digit, and contain no '--'";

  private final String prefix;

  public AppNaming(String prefix) {
    if (!prefix.isEmpty() && !Pattern.matches("[a-z][a-z0-9-]*", prefix)) {
      throw new InvalidSpecException(
          "appPrefix", "app prefix '" + prefix + "' must start with a lowercase letter");
    }
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }

  /** The app name for a sale, or an {@link InvalidSpecException} stating the rule. */
  public String appName(SaleId id) {
    requireValid(id);
    return prefix + id.value();
  }

  /**
   * Refuses an id that gives no valid app name, with an {@link InvalidSpecException} stating the
   * rule; for callers that only validate (the store before a write, {@link #parse}).
   */
  public void requireValid(SaleId id) {
    String name = prefix + id.value();
    if (!AZURE_APP_NAME.matcher(name).matches() || name.contains("--")) {
      throw new InvalidSpecException(
          "saleId", "sale id '" + id.value() + "' gives app name '" + name + "': " + RULE);
    }
  }

  /** Validates a raw id string for this prefix and returns it as a {@link SaleId}. */
  public SaleId parse(String raw) {
    SaleId id = new SaleId(raw);
    requireValid(id);
    return id;
  }

  /** The sale id behind an app name of ours, if the name carries our prefix. */
  public Optional<SaleId> saleIdOf(String appName) {
    if (!appName.startsWith(prefix) || appName.length() == prefix.length()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new SaleId(appName.substring(prefix.length())));
    } catch (InvalidSpecException e) {
      return Optional.empty();
    }
  }
}
