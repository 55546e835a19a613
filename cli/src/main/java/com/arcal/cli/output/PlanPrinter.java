package com.arcal.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The controller's plan ({@code PUT /desired-state?dryRun=true}, {@code GET /plan}) as lines an
 * operator scans: one sign and colour per kind of action, sales in the API's order.
 */
public final class PlanPrinter {
  private record Kind(String field, String sign, String label, String note) {}

  private static final List<Kind> KINDS = List.of(
      new Kind("create", "+", "create", ""),
      new Kind("update", "~", "update", ""),
      new Kind("start", ">", "start", ""),
      new Kind("delete", "-", "delete", ""),
      new Kind("held", "!", "held", "deletion held by the blast-radius brake: arcalctl confirm-deletions"),
      new Kind("blocked", "x", "blocked", "cannot converge: arcalctl describe sale <id> says why"));

  private final Palette palette;

  public PlanPrinter(Palette palette) {
    this.palette = palette;
  }

  /** Prints the plan; returns how many actions it holds. */
  public int print(JsonNode plan, PrintWriter out) {
    int actions = 0;
    for (Kind kind : KINDS) {
      actions += plan.path(kind.field()).size();
    }
    JsonNode rollout = plan.path("rollout");
    boolean rolling = rollout.isObject() && !rollout.path("state").asText("Idle").equals("Idle");
    if (actions == 0) {
      out.println("Plan: nothing to do.");
      if (rolling) {
        new RolloutPrinter(palette).print(rollout, out);
      }
      out.flush();
      return 0;
    }
    out.println("Plan (what the controller will do):");
    for (Kind kind : KINDS) {
      UnaryOperator<String> colour = colour(kind.field());
      for (JsonNode name : plan.path(kind.field())) {
        String line = String.format("  %s %-8s %s", kind.sign(), kind.label(), name.asText());
        out.println(colour.apply(line) + (kind.note().isEmpty() ? "" : palette.dim("   (" + kind.note() + ")")));
      }
    }
    if (rolling) {
      new RolloutPrinter(palette).print(rollout, out);
    }
    out.flush();
    return actions;
  }

  private UnaryOperator<String> colour(String field) {
    return switch (field) {
      case "create" -> palette::green;
      case "update" -> palette::yellow;
      case "start" -> palette::cyan;
      case "delete" -> palette::red;
      case "held" -> palette::magenta;
      default -> s -> palette.bold(palette.red(s));
    };
  }
}
