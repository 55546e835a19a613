package com.arcal.cli.command;

import com.arcal.cli.output.Ages;
import com.arcal.cli.output.Formats;
import com.arcal.cli.output.Formats.Output;
import com.arcal.cli.output.Palette;
import com.arcal.cli.output.Table;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code arcalctl get sales|environments [ID...] [-o table|json|yaml]}, {@code arcalctl get pool}. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "List resources.",
    subcommands = {GetCommand.Sales.class, GetEnvironments.class, GetPoolCommand.class})
final class GetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  @Command(name = "sales", aliases = {"sale"}, mixinStandardHelpOptions = true,
      description = "The sales: desired ones and those still being deleted.")
  static final class Sales implements Callable<Integer> {
    @Parameters(paramLabel = "ID", arity = "0..*", description = "Only these sales.")
    List<String> ids = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
        description = "table, json or yaml (default: ${DEFAULT-VALUE}).")
    Output output;

    private final Arcalctl root;

    Sales(Arcalctl root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      ArrayNode shown = root.json().createArrayNode();
      for (JsonNode sale : root.client().sales()) {
        if (ids.isEmpty() || ids.contains(sale.path("saleId").asText())) {
          shown.add(sale);
        }
      }
      if (output != Output.table) {
        root.out().print(new Formats().render(shown, output));
        root.out().flush();
        return 0;
      }
      if (shown.isEmpty()) {
        root.err().println(ids.isEmpty() ? "No sales." : "No sale with id " + String.join(", ", ids) + ".");
        root.err().flush();
        return ids.isEmpty() ? 0 : 1;
      }
      table(shown);
      return 0;
    }

    private void table(ArrayNode sales) {
      Map<String, CompletableFuture<Optional<Instant>>> since = new LinkedHashMap<>();
      for (JsonNode sale : sales) {
        String id = sale.path("saleId").asText();
        since.put(id, root.client().saleAsync(id).thenApply(Sales::oldestKnown)
            .exceptionally(e -> Optional.empty()));
      }
      Instant now = root.context().clock().instant();
      Palette palette = root.palette();
      Table table = new Table("SALE", "PHASE", "AGE", "WSURL").style(1, palette::phase);
      for (JsonNode sale : sales) {
        String id = sale.path("saleId").asText();
        String age = since.get(id).join().map(t -> Ages.since(t, now)).orElse("<unknown>");
        table.row(id, sale.path("phase").asText(), age, text(sale.path("wsUrl")));
      }
      table.print(root.out(), "");
    }

    /**
     * When the orchestrator first reported on the sale: its oldest remembered history entry
     * (status lives in memory, so at most since the orchestrator started).
     */
    static Optional<Instant> oldestKnown(JsonNode detail) {
      Instant oldest = null;
      JsonNode status = detail.path("status");
      List<JsonNode> stamps = new ArrayList<>();
      status.path("history").forEach(h -> stamps.add(h.path("at")));
      status.path("conditions").forEach(c -> stamps.add(c.path("lastTransitionTime")));
      stamps.add(status.path("updatedAt"));
      for (JsonNode stamp : stamps) {
        Optional<Instant> t = Times.parse(stamp);
        if (t.isPresent() && (oldest == null || t.get().isBefore(oldest))) {
          oldest = t.get();
        }
      }
      return Optional.ofNullable(oldest);
    }

    private static String text(JsonNode node) {
      return node.isNull() || node.isMissingNode() ? "" : node.asText();
    }
  }
}
