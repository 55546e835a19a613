package com.arcal.controller.leader;

import java.time.Duration;

/** The lease primitive the elector is built on (a blob lease; a fake in unit tests). */
interface Lease {

  /**
   * Takes the lease for {@code duration}, or extends it when already ours. False when another
   * holder has it.
   *
   * @throws RuntimeException when storage did not answer (the attempt proves nothing)
   */
  boolean acquire(Duration duration, Duration timeout);

  /**
   * Extends our lease by its duration. False when it is not ours any more.
   *
   * @throws RuntimeException when storage did not answer
   */
  boolean renew(Duration timeout);

  /** Gives the lease up so a follower can take over at once; best effort. */
  void release(Duration timeout);
}
