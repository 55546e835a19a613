package com.arcal.controller.store;

import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current {@link StoreProblem} of a store. A problem keeps the time it was first seen while
 * it lasts (even if its message changes as the operator keeps editing), and each distinct
 * message is logged once, so a broken file polled every second does not flood the log.
 */
final class ProblemTracker {
  private static final Logger log = LoggerFactory.getLogger(ProblemTracker.class);

  private final Clock clock;
  /** What the operator fixes ("file", "blob"), named when a write is refused. */
  private final String document;
  private volatile StoreProblem problem;
  private String lastLogged; // guarded by this

  ProblemTracker(Clock clock, String document) {
    this.clock = clock;
    this.document = document;
  }

  Optional<StoreProblem> current() {
    return Optional.ofNullable(problem);
  }

  synchronized void report(String message) {
    StoreProblem previous = problem;
    problem = new StoreProblem(message, previous != null ? previous.since() : clock.instant());
    if (!message.equals(lastLogged)) {
      lastLogged = message;
      log.warn("desired state not applied: {}", message);
    }
  }

  synchronized void clear(String what) {
    if (problem != null) {
      log.info("{} is valid again; its desired state is in force", what);
    }
    problem = null;
    lastLogged = null;
  }

  /** Refuses a write while there is a problem. */
  void requireNone() {
    StoreProblem blocking = problem;
    if (blocking != null) {
      throw new StoreUnavailableException(
          "desired state cannot be changed until the " + document + " is fixed: "
              + blocking.message(),
          null);
    }
  }
}
