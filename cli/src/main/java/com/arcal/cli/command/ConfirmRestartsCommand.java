package com.arcal.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code arcalctl confirm-restarts}: releases the engine restarts the blast-radius brake holds. */
@Command(name = "confirm-restarts", mixinStandardHelpOptions = true,
    description = "Release the engine restarts (spec changes to Running sales) held by the blast-radius brake.")
final class ConfirmRestartsCommand implements Callable<Integer> {
  private final Arcalctl root;

  ConfirmRestartsCommand(Arcalctl root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    JsonNode answer = root.client().confirmRestarts();
    List<String> released = new ArrayList<>();
    answer.path("released").forEach(n -> released.add(n.asText()));
    if (released.isEmpty()) {
      root.out().println("No restarts were held.");
    } else {
      root.out().println("Released " + released.size() + " held restart(s), rolled out in waves: "
          + String.join(", ", released));
    }
    root.out().flush();
    return 0;
  }
}
