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
 * @param providerBurst Microsoft.App's own bucket for its writes (PUT, PATCH, POST), reported in
 *     {@code x-ms-ratelimit-remaining-subscription-resource-requests}: 700, what a real PUT of a
 *     container app reports after one request (699)
 * @param providerPerSecond its refill: not published by Azure; the default, ARM's write rate,
 *     never binds before ARM's own write bucket does, so tests that want the provider to bind set
 *     a tighter one
 */
public record ThrottleSettings(
    long readBurst,
    double readsPerSecond,
    long writeBurst,
    double writesPerSecond,
    long deleteBurst,
    double deletesPerSecond,
    long providerBurst,
    double providerPerSecond) {
  private static final long DEFAULT_PROVIDER_BURST = 700;
  private static final double DEFAULT_PROVIDER_PER_SECOND = 10;

  public ThrottleSettings {
    positive("readBurst", readBurst);
    positive("readsPerSecond", readsPerSecond);
    positive("writeBurst", writeBurst);
    positive("writesPerSecond", writesPerSecond);
    positive("deleteBurst", deleteBurst);
    positive("deletesPerSecond", deletesPerSecond);
    positive("providerBurst", providerBurst);
    positive("providerPerSecond", providerPerSecond);
  }

  /** These ARM buckets, with the default provider bucket. */
  public ThrottleSettings(
      long readBurst,
      double readsPerSecond,
      long writeBurst,
      double writesPerSecond,
      long deleteBurst,
      double deletesPerSecond) {
    this(readBurst, readsPerSecond, writeBurst, writesPerSecond, deleteBurst, deletesPerSecond,
        DEFAULT_PROVIDER_BURST, DEFAULT_PROVIDER_PER_SECOND);
  }

  /** ARM's published limits, and the default provider bucket. */
  public static ThrottleSettings arm() {
    return new ThrottleSettings(250, 25, 200, 10, 200, 10);
  }

  /** The same ARM buckets with another Microsoft.App bucket. */
  public ThrottleSettings withProvider(long burst, double perSecond) {
    return new ThrottleSettings(readBurst, readsPerSecond, writeBurst, writesPerSecond,
        deleteBurst, deletesPerSecond, burst, perSecond);
  }

  private static void positive(String name, double value) {
    if (!(value > 0)) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
