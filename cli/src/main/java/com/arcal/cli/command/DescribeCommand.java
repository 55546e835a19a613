package com.arcal.cli.command;

import com.arcal.cli.output.Ages;
import com.arcal.cli.output.Palette;
import com.arcal.cli.output.Table;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code arcalctl describe sale <id>}: spec, status, conditions and history. */
@Command(name = "describe", mixinStandardHelpOptions = true, description = "Show one resource in detail.",
    subcommands = DescribeCommand.Sale.class)
final class DescribeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  @Command(name = "sale", aliases = {"sales"}, mixinStandardHelpOptions = true,
      description = "A sale: its spec (defaults marked), status, conditions and recent history.")
  static final class Sale implements Callable<Integer> {
    private static final String NONE = "<none>";

    @Parameters(paramLabel = "ID", description = "The sale id, e.g. vente-01.")
    String id;

    private final Arcalctl root;

    Sale(Arcalctl root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      JsonNode sale = root.client().sale(id);
      JsonNode status = sale.path("status");
      Instant now = root.context().clock().instant();
      Palette palette = root.palette();
      PrintWriter out = root.out();
      field(out, "Name", sale.path("saleId").asText());
      field(out, "App", text(sale.path("appName")));
      field(out, "Phase", palette.phase(status.path("phase").asText()));
      field(out, "WebSocket", text(status.path("wsUrl")));
      String generation = sale.path("generation").isNull() ? "<not desired: being deleted>"
          : sale.path("generation").asText();
      field(out, "Generation", generation + " (observed " + status.path("observedGeneration").asText() + ")");
      String error = text(status.path("lastError"));
      field(out, "Last error", error.equals(NONE) ? error : palette.red(error));
      field(out, "Updated", Times.parse(status.path("updatedAt"))
          .map(t -> t + " (" + Ages.since(t, now) + " ago)").orElse(NONE));
      spec(out, sale);
      conditions(out, status.path("conditions"), now);
      history(out, status.path("history"), now);
      out.flush();
      return 0;
    }

    private static void spec(PrintWriter out, JsonNode sale) {
      JsonNode spec = sale.path("spec");
      JsonNode effective = sale.path("effectiveSpec");
      out.println("Spec:");
      if (spec.isNull() || spec.isMissingNode()) {
        out.println("  " + NONE + " (no longer desired)");
        return;
      }
      for (String f : new String[] {"image", "cpu", "memory"}) {
        String shown = text(effective.path(f));
        out.printf("  %-9s%s%s%n", f + ":", shown, spec.path(f).isNull() ? "   (default)" : "");
      }
      JsonNode config = effective.path("config");
      out.println("  config:" + (config.isEmpty() ? "   " + NONE : ""));
      config.properties().forEach(e -> out.println("    " + e.getKey() + ": " + e.getValue().asText()));
    }

    private void conditions(PrintWriter out, JsonNode conditions, Instant now) {
      out.println("Conditions:");
      if (conditions.isEmpty()) {
        out.println("  " + NONE);
        return;
      }
      Table t = new Table("TYPE", "STATUS", "REASON", "AGE", "MESSAGE");
      for (JsonNode c : conditions) {
        t.row(c.path("type").asText(), c.path("status").asText(), c.path("reason").asText(),
            Times.parse(c.path("lastTransitionTime")).map(x -> Ages.since(x, now)).orElse(""),
            text(c.path("message")));
      }
      t.style(1, s -> s.equals("True") ? root.palette().green(s) : root.palette().yellow(s));
      t.print(out, "  ");
    }

    private static void history(PrintWriter out, JsonNode history, Instant now) {
      out.println("History:");
      if (history.isEmpty()) {
        out.println("  " + NONE);
        return;
      }
      Table t = new Table("AGE", "ACTION", "DETAIL");
      for (JsonNode h : history) {
        t.row(Times.parse(h.path("at")).map(x -> Ages.since(x, now)).orElse(""),
            h.path("action").asText(), text(h.path("detail")));
      }
      t.print(out, "  ");
    }

    private static void field(PrintWriter out, String name, String value) {
      out.printf("%-12s%s%n", name + ":", value);
    }

    private static String text(JsonNode node) {
      return node.isNull() || node.isMissingNode() || node.asText().isEmpty() ? NONE : node.asText();
    }
  }
}
