package com.arcal.emulator.runtime;

import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Who a replica is, across the container instances that restarts give it.
 *
 * @param name {@code <revision>-<10 chars>-<5 chars>}, shaped like Azure's replica names
 * @param revisionName the revision the replica runs
 * @param createdAt when the replica was created
 */
record ReplicaIdentity(String name, String revisionName, Instant createdAt) {

  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  ReplicaIdentity {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(revisionName, "revisionName");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  static ReplicaIdentity create(String revisionName, Instant now, RandomGenerator random) {
    String name = revisionName + "-" + randomChars(10, random) + "-" + randomChars(5, random);
    return new ReplicaIdentity(name, revisionName, now);
  }

  private static String randomChars(int count, RandomGenerator random) {
    StringBuilder chars = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      chars.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return chars.toString();
  }
}
