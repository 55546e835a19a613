package com.arcal.bench.scenario;

import com.arcal.bench.rig.EmulatedArm;
import com.arcal.emulator.stats.RequestStats.Key;
import java.util.Map;
import java.util.TreeMap;

/** The emulator's request counters read as the bench reports them. */
final class ArmCounts {
  private ArmCounts() {}

  static long writes(EmulatedArm arm) {
    return arm.emulator().stats().count(k -> !k.method().equals("GET") && !k.method().equals("HEAD"));
  }

  /** Requests that change something: PUT, PATCH, DELETE (not the POST actions). */
  static long changes(EmulatedArm arm) {
    return arm.emulator().stats().count(
        k -> k.method().equals("PUT") || k.method().equals("PATCH") || k.method().equals("DELETE"));
  }

  static long reads(EmulatedArm arm) {
    return arm.emulator().stats().count(k -> k.method().equals("GET") || k.method().equals("HEAD"));
  }

  static long throttled(EmulatedArm arm) {
    return arm.emulator().stats().count(k -> k.status() == 429);
  }

  /** Requests by "METHOD route" (all statuses together). */
  static Map<String, Long> byType(EmulatedArm arm) {
    Map<String, Long> types = new TreeMap<>();
    for (Map.Entry<Key, Long> e : arm.emulator().stats().snapshot().entrySet()) {
      types.merge(e.getKey().method() + " " + e.getKey().route(), e.getValue(), Long::sum);
    }
    return types;
  }

  /** {@code after - before}, per type. */
  static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> d = new TreeMap<>();
    after.forEach((k, v) -> {
      long diff = v - before.getOrDefault(k, 0L);
      if (diff != 0) {
        d.put(k, diff);
      }
    });
    return d;
  }
}
