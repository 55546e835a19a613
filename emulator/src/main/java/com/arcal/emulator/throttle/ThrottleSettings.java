package com.arcal.emulator.throttle;

/**
 * Bucket sizes and refill rates per ARM operation type, per subscription.
 *
 * @param readBurst reads bucket capacity (ARM: 250)
 * @param readsPerSecond reads refill (ARM: 25/s)
 * @param writeBurst writes bucket capacity (ARM: 200)
 * @param writesPerSecond writes refill (ARM: 10/s)
 * @param deleteBurst deletes bucket capacity (ARM: 200)
 * @param deletesPerSecond deletes refill (ARM: 10/s)
 */
public record ThrottleSettings(
    long readBurst,
    double readsPerSecond,
    long writeBurst,
    double writesPerSecond,
    long deleteBurst,
    double deletesPerSecond) {

  public ThrottleSettings {
    positive("readBurst", readBurst);
    positive("readsPerSecond", readsPerSecond);
    positive("writeBurst", writeBurst);
    positive("writesPerSecond", writesPerSecond);
    positive("deleteBurst", deleteBurst);
    positive("deletesPerSecond", deletesPerSecond);
  }

  /** ARM's published limits. */
  public static ThrottleSettings arm() {
    return new ThrottleSettings(250, 25, 200, 10, 200, 10);
  }

  private static void positive(String name, double value) {
    if (!(value > 0)) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
