package com.arcal.controller.sale;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A sale's identifier, as written in the desired state and in the seed API ({@code "vente-01"}).
 * It becomes part of a Container App name ({@code <prefix><saleId>}), so it is validated against
 * Azure's naming rules together with the prefix; see {@link AppNaming}.
 */
public record SaleId(String value) implements Comparable<SaleId> {
  /** Characters allowed in an id on their own; the full rule is checked with the prefix. */
  private static final Pattern SHAPE = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

  public SaleId {
    Objects.requireNonNull(value, "saleId");
    if (!SHAPE.matcher(value).matches() || value.contains("--")) {
      throw new InvalidSpecException(
          "saleId",
          "'" + value + "' is not a valid sale id: use lowercase letters, digits and single '-',"
              + " starting and ending with a letter or digit");
    }
  }

  @Override
  public int compareTo(SaleId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
