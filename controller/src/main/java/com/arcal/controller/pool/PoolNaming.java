package com.arcal.controller.pool;

import com.arcal.controller.sale.AppNaming;
import com.arcal.controller.sale.InvalidSpecException;
import java.util.random.RandomGenerator;

/**
 * Names of pool apps: {@code pool-} and ten random lowercase letters and digits. A pool app is
 * created before any sale exists, so its name cannot derive from a sale id; it must not be a name
 * some sale id could give either, or that sale's pass would take the pool app for its own. Sale
 * apps are {@code <ARCAL_APP_PREFIX><sale id>}: the two never meet unless {@code pool-} starts
 * with the sale prefix (an empty prefix, or {@code p}...), which {@link #requireDistinct}
 * refuses.
 */
public final class PoolNaming {
  public static final String PREFIX = "pool-";
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final int RANDOM_CHARS = 10;

  private final AppNaming sales;
  private final RandomGenerator random;

  public PoolNaming(AppNaming sales, RandomGenerator random) {
    this.sales = sales;
    this.random = random;
  }

  /** Refuses a pool when sale app names could collide with pool app names. */
  public void requireDistinct() {
    if (PREFIX.startsWith(sales.prefix())) {
      throw new InvalidSpecException(
          "size",
          "a warm pool needs ARCAL_APP_PREFIX that '" + PREFIX + "' does not start with (it is '"
              + sales.prefix() + "'): pool apps are named " + PREFIX + "<random>; set e.g."
              + " ARCAL_APP_PREFIX=sale-");
    }
  }

  public String next() {
    StringBuilder name = new StringBuilder(PREFIX);
    synchronized (random) {
      for (int i = 0; i < RANDOM_CHARS; i++) {
        name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
    }
    return name.toString();
  }
}
