package com.arcal.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The rollout of spec changes to Running sales ({@code GET /rollout}, or the {@code rollout}
 * field of a plan): its state, the sales updating, those waiting and why, a pause and the
 * restarts held for confirmation, each with the command that moves it on.
 */
public final class RolloutPrinter {
  private final Palette palette;

  public RolloutPrinter(Palette palette) {
    this.palette = palette;
  }

  public void print(JsonNode rollout, PrintWriter out) {
    String state = rollout.path("state").asText("Idle");
    out.println("Rollout: " + colour(state) + "   (at most " + rollout.path("maxUnavailable").asInt()
        + " sales not Running at once because of it)");
    List<String> updating = texts(rollout.path("updating"));
    if (!updating.isEmpty()) {
      out.println("  updating  " + String.join(", ", updating));
    }
    for (JsonNode w : rollout.path("waiting")) {
      out.println(String.format("  waiting   %-20s %-16s %s", w.path("saleId").asText(),
          w.path("reason").asText(), palette.dim(w.path("message").asText())));
    }
    JsonNode pause = rollout.path("pause");
    if (pause.isObject()) {
      out.println(palette.red("  paused    " + pause.path("reason").asText())
          + palette.dim("   (fix the spec, then: arcalctl rollout resume)"));
    }
    List<String> held = texts(rollout.path("restartsHeld"));
    if (!held.isEmpty()) {
      out.println(palette.magenta("  held      restarts of " + held.size() + " Running sales")
          + palette.dim("   (blast-radius brake: arcalctl confirm-restarts)"));
    }
    out.flush();
  }

  private String colour(String state) {
    return switch (state) {
      case "Paused" -> palette.bold(palette.red(state));
      case "AwaitingConfirmation" -> palette.magenta(state);
      case "Progressing" -> palette.yellow(state);
      default -> palette.green(state);
    };
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
