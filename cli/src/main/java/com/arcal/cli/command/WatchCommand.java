package com.arcal.cli.command;

import com.arcal.cli.CliException;
import com.arcal.cli.api.SseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code arcalctl watch}: the fleet as the event stream ({@code GET /events}) tells it: every
 * sale once, then one line per phase change, as it happens.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = "Print the sales, then every phase change as it happens (Ctrl-C stops).")
final class WatchCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Stop after this long (e.g. 10m); 0, the default, watches until interrupted.")
  Duration timeout = Duration.ZERO;

  private final Arcalctl root;
  /** Last phase printed per sale; touched only by the HTTP thread that delivers events. */
  private final Map<String, String> phases = new HashMap<>();

  WatchCommand(Arcalctl root) {
    this.root = root;
  }

  @Override
  public Integer call() throws InterruptedException {
    CompletableFuture<Void> stream = root.client().events(this::onEvent);
    try {
      if (timeout.isZero()) {
        stream.get();
      } else {
        stream.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (TimeoutException e) {
      stream.cancel(true);
      return 0;
    } catch (ExecutionException e) {
      throw root.client().unreachable(e.getCause());
    } catch (CancellationException e) {
      return 0;
    } catch (InterruptedException e) {
      stream.cancel(true);
      throw e;
    }
    throw new CliException("the server ended the event stream (is the orchestrator stopping?)");
  }

  private void onEvent(SseEvent event) {
    if (!event.event().equals("status")) {
      return;
    }
    JsonNode sale;
    try {
      sale = root.json().readTree(event.data());
    } catch (IOException e) {
      return;
    }
    String id = sale.path("saleId").asText();
    String phase = sale.path("deleted").asBoolean() ? "Deleted" : sale.path("phase").asText();
    String before = sale.path("deleted").asBoolean() ? phases.remove(id) : phases.put(id, phase);
    if (phase.equals(before)) {
      return;
    }
    String time = TIME.format(root.context().clock().instant().atZone(zone()));
    String change = before == null ? root.palette().phase(phase)
        : root.palette().phase(before) + " -> " + root.palette().phase(phase);
    String wsUrl = sale.path("wsUrl").isTextual() ? "   " + sale.path("wsUrl").asText() : "";
    PrintWriter out = root.out();
    out.println(time + "   " + id + "   " + change + wsUrl);
    out.flush();
  }

  private ZoneId zone() {
    return root.context().clock().getZone();
  }
}
