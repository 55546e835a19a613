package com.arcal.emulator.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One health probe of a container, with every default already applied (the ARM layer maps a
 * template's {@code probes} entry to it).
 *
 * @param kind startup, liveness or readiness
 * @param action what one attempt does: an HTTP GET or a TCP connect
 * @param initialDelay from the container's start to the first attempt
 * @param period from the start of one attempt to the start of the next
 * @param timeout how long one attempt may take before it counts as failed
 * @param successThreshold consecutive successes that make a failed probe pass again
 * @param failureThreshold consecutive failures that make the probe fail
 * @param terminationGrace how long a container stopped because this probe failed may take to
 *     stop gracefully before it is killed; empty for the runtime's own grace
 */
public record ProbeSpec(
    Kind kind,
    Action action,
    Duration initialDelay,
    Duration period,
    Duration timeout,
    int successThreshold,
    int failureThreshold,
    Optional<Duration> terminationGrace) {

  /** Container Apps' probe types, spelled {@code Startup}, {@code Liveness}, {@code Readiness}. */
  public enum Kind {
    /** Runs first; the other probes start once it passed; failing it restarts the container. */
    STARTUP,
    /** Failing it restarts the container. */
    LIVENESS,
    /** Decides whether the replica is ready (receives traffic); never restarts anything. */
    READINESS;

    /** The type as Azure spells it, e.g. {@code Liveness}. */
    public String spelled() {
      String name = name();
      return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }
  }

  /** What one attempt does. */
  public sealed interface Action permits HttpGet, TcpSocket {
    int port();
  }

  /**
   * {@code GET scheme://host:port path} with extra headers; passes on a status from 200 to 399.
   *
   * @param host where to connect; empty for the container's own address
   */
  public record HttpGet(boolean https, Optional<String> host, int port, String path, List<Header> headers)
      implements Action {
    public HttpGet {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(path, "path");
      headers = List.copyOf(headers);
    }
  }

  /** One extra request header of an HTTP probe. */
  public record Header(String name, String value) {
    public Header {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  /** A TCP connection to {@code host:port} (empty host: the container's own address). */
  public record TcpSocket(Optional<String> host, int port) implements Action {
    public TcpSocket {
      Objects.requireNonNull(host, "host");
    }
  }

  public ProbeSpec {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(terminationGrace, "terminationGrace");
    if (period.isNegative() || period.isZero() || timeout.isNegative() || timeout.isZero()
        || initialDelay.isNegative()) {
      throw new IllegalArgumentException("a probe needs a positive period and timeout and a delay >= 0");
    }
    if (successThreshold < 1 || failureThreshold < 1) {
      throw new IllegalArgumentException("probe thresholds must be at least 1");
    }
  }
}
