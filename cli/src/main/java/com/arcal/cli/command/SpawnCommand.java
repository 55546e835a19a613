package com.arcal.cli.command;

import com.arcal.cli.CliException;
import com.arcal.cli.api.ApiResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code arcalctl spawn <id> [--config k=v ...] [--wait 60s]}: desires a sale (idempotent: the
 * same spec again changes nothing) and, with {@code --wait}, waits until it runs.
 */
@Command(name = "spawn", mixinStandardHelpOptions = true,
    description = "Desire a sale; with --wait, wait until it is Running.")
final class SpawnCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID", description = "The sale id, e.g. vente-01.")
  String id;

  @Option(names = "--config", paramLabel = "KEY=VALUE", description = "Sale configuration, repeatable.")
  Map<String, String> config = new LinkedHashMap<>();

  @Option(names = "--image", description = "Engine image (default: the orchestrator's).")
  String image;

  @Option(names = "--cpu", description = "vCPU per replica, e.g. 0.5 (default: the orchestrator's).")
  String cpu;

  @Option(names = "--memory", description = "Memory per replica, e.g. 1Gi (default: the orchestrator's).")
  String memory;

  @Option(names = "--wait", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Wait up to this long (e.g. 60s, 2m; at most 5m) for the sale to be Running.")
  Duration wait = Duration.ZERO;

  private final Arcalctl root;

  SpawnCommand(Arcalctl root) {
    this.root = root;
  }

  @Override
  public Integer call() throws IOException {
    ObjectNode body = root.json().createObjectNode().put("saleId", id);
    if (!config.isEmpty()) {
      body.set("config", root.json().valueToTree(config));
    }
    putIfSet(body, "image", image);
    putIfSet(body, "cpu", cpu);
    putIfSet(body, "memory", memory);
    ApiResponse response = root.client().spawn(body, wait);
    JsonNode sale = root.json().readTree(response.body());
    String phase = sale.path("phase").asText();
    String wsUrl = sale.path("wsUrl").isTextual() ? sale.path("wsUrl").asText() : null;
    if (!wait.isZero()) {
      if (response.status() != 200) {
        throw new CliException("sale/" + id + " is not Running after " + wait.toSeconds() + "s (phase "
            + phase + "); arcalctl describe sale " + id + " says why");
      }
      root.out().println("sale/" + id + " is " + root.palette().phase(phase) + (wsUrl == null ? "" : " at " + wsUrl));
    } else {
      String what = response.status() == 202 ? "spawned" : "unchanged";
      root.out().println("sale/" + id + " " + what + " (" + root.palette().phase(phase) + ")");
    }
    root.out().flush();
    return 0;
  }

  private static void putIfSet(ObjectNode body, String field, String value) {
    if (value != null) {
      body.put(field, value);
    }
  }
}
