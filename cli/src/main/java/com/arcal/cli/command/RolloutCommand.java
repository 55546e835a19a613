package com.arcal.cli.command;

import com.arcal.cli.output.RolloutPrinter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code arcalctl rollout [status|resume|force [sale...]]}: where the rollout of spec changes to
 * Running engines stands, resuming it after a pause, forcing the updates that wait for buyers.
 */
@Command(name = "rollout", mixinStandardHelpOptions = true,
    description = "Show the rollout of spec changes to Running sales (waves, pause, held restarts);"
        + " resume a paused rollout; force updates that wait for connected buyers.")
final class RolloutCommand implements Callable<Integer> {
  private final Arcalctl root;

  @Parameters(index = "0", arity = "0..1", defaultValue = "status",
      description = "status (default), resume, or force")
  String action;

  @Parameters(index = "1..*", arity = "0..*", description = "with force: the sales (default: every sale waiting for its buyers)")
  List<String> sales = new ArrayList<>();

  RolloutCommand(Arcalctl root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    switch (action) {
      case "status" -> new RolloutPrinter(root.palette()).print(root.client().rollout(), root.out());
      case "resume" -> root.out().println(root.client().resumeRollout().path("resumed").asBoolean()
          ? "Rollout resumed." : "The rollout was not paused.");
      case "force" -> {
        List<String> forced = new ArrayList<>();
        root.client().forceRollout(sales).path("forced").forEach(n -> forced.add(n.asText()));
        root.out().println(forced.isEmpty() ? "No sale was waiting for its buyers."
            : "Updating now despite connected buyers: " + String.join(", ", forced));
      }
      default -> {
        root.err().println("arcalctl rollout: unknown action '" + action + "' (status, resume or force)");
        root.err().flush();
        return 2;
      }
    }
    root.out().flush();
    return 0;
  }
}
