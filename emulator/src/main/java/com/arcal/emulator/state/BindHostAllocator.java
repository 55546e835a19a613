package com.arcal.emulator.state;

import java.util.Set;
import java.util.function.Predicate;

/**
 * Hands out loopback addresses 127.1.x.y (y in 1..254), one per app, counting up and wrapping
 * around, never handing out one that is still assigned. Counting up rather than reusing the lowest
 * free address keeps a just-freed address (whose sockets may linger) out of use for as long as
 * possible.
 */
public final class BindHostAllocator {
  static final int CAPACITY = 256 * 254;

  // Invariant: 0 <= next < CAPACITY; the index tried first by the next allocation.
  private int next;

  public BindHostAllocator(int next) {
    if (next < 0 || next >= CAPACITY) {
      throw new IllegalArgumentException("bind host index out of range: " + next);
    }
    this.next = next;
  }

  public int next() {
    return next;
  }

  /** The next free address, given the addresses in use. */
  public String allocate(Set<String> inUse) {
    return allocate(inUse, ip -> true);
  }

  /**
   * The next address that no app holds and that {@code usable} accepts (e.g. nothing else on
   * the machine listens there, such as another emulator's engine).
   */
  public String allocate(Set<String> inUse, Predicate<String> usable) {
    for (int tried = 0; tried < CAPACITY; tried++) {
      String candidate = address(next);
      next = (next + 1) % CAPACITY;
      if (!inUse.contains(candidate) && usable.test(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("all " + CAPACITY + " loopback addresses are in use");
  }

  static String address(int index) {
    return "127.1." + (index / 254) + "." + (index % 254 + 1);
  }
}
