package com.arcal.bench.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code wrk} load generator (Debian package {@code wrk}), run against one URL. The bench
 * installs nothing: without wrk on the PATH the load figures are skipped with a note.
 */
public final class Wrk {
  private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s)\\s*$",
      Pattern.MULTILINE);
  private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");

  /** One run's figures; latencies in milliseconds. */
  public record Result(double requestsPerSecond, double p50Millis, double p99Millis, long non2xx) {}

  private final int threads;
  private final int connections;

  public Wrk(int threads, int connections) {
    this.threads = threads;
    this.connections = connections;
  }

  /** True when {@code wrk} can be run. */
  public static boolean available() {
    try {
      Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      p.waitFor(10, TimeUnit.SECONDS);
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Loads {@code url} for {@code seconds}; the output is parsed for throughput and latency. */
  public Result run(String url, int seconds) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency", url))
            .redirectErrorStream(true)
            .start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    p.waitFor(seconds + 30L, TimeUnit.SECONDS);
    return parse(out).orElseThrow(() -> new IOException("cannot read wrk's output:\n" + out));
  }

  static Optional<Result> parse(String out) {
    Matcher rps = RPS.matcher(out);
    if (!rps.find()) {
      return Optional.empty();
    }
    double p50 = Double.NaN;
    double p99 = Double.NaN;
    Matcher m = PERCENTILE.matcher(out);
    while (m.find()) {
      double ms = toMillis(Double.parseDouble(m.group(2)), m.group(3));
      if (m.group(1).equals("50")) {
        p50 = ms;
      } else {
        p99 = ms;
      }
    }
    Matcher errors = ERRORS.matcher(out);
    long non2xx = errors.find() ? Long.parseLong(errors.group(1)) : 0;
    return Optional.of(new Result(Double.parseDouble(rps.group(1)), p50, p99, non2xx));
  }

  private static double toMillis(double value, String unit) {
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "us" -> value / 1000;
      case "s" -> value * 1000;
      default -> value;
    };
  }
}
