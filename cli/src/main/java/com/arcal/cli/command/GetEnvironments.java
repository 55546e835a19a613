package com.arcal.cli.command;

import com.arcal.cli.output.Formats;
import com.arcal.cli.output.Formats.Output;
import com.arcal.cli.output.Table;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code arcalctl get environments [-o table|json|yaml]}: where sales are placed, and room left. */
@Command(name = "environments", aliases = {"environment", "env"}, mixinStandardHelpOptions = true,
    description = "The managed environments sales are placed on, with their cores.")
final class GetEnvironments implements Callable<Integer> {
  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table, json or yaml (default: ${DEFAULT-VALUE}).")
  Output output;

  private final Arcalctl root;

  GetEnvironments(Arcalctl root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    JsonNode answer = root.client().environments();
    if (output != Output.table) {
      root.out().print(new Formats().render(answer, output));
      root.out().flush();
      return 0;
    }
    Table table =
        new Table("ENVIRONMENT", "RESOURCE GROUP", "SUBSCRIPTION", "CORES", "FREE", "SALES", "NEW SALES");
    for (JsonNode env : answer.path("environments")) {
      table.row(
          env.path("name").asText(),
          env.path("resourceGroup").asText(),
          env.path("subscriptionId").asText(),
          cores(env),
          env.path("freeCores").isNumber() ? number(env.path("freeCores")) : "",
          env.path("sales").asText(),
          env.path("closed").isTextual() ? "closed: " + env.path("closed").asText() : "yes");
    }
    table.print(root.out(), "");
    long waiting = answer.path("waitingForCores").asLong();
    if (waiting > 0) {
      root.out().println(waiting + " sale(s) waiting for cores (Pending, Scheduled=False).");
      root.out().flush();
    }
    return 0;
  }

  /** {@code 99.5/100}, {@code 3/unlimited}, or why the usage is unknown. */
  private static String cores(JsonNode env) {
    if (!env.path("usedCores").isNumber()) {
      return "unknown: " + env.path("problem").asText();
    }
    String limit = env.path("limitCores").isNumber() ? number(env.path("limitCores")) : "unlimited";
    return number(env.path("usedCores")) + "/" + limit;
  }

  private static String number(JsonNode n) {
    return BigDecimal.valueOf(n.asDouble()).stripTrailingZeros().toPlainString();
  }
}
