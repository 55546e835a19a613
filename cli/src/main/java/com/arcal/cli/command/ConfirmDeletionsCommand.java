package com.arcal.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code arcalctl confirm-deletions}: releases the deletions the blast-radius brake holds. */
@Command(name = "confirm-deletions", mixinStandardHelpOptions = true,
    description = "Release the app deletions held by the blast-radius brake.")
final class ConfirmDeletionsCommand implements Callable<Integer> {
  private final Arcalctl root;

  ConfirmDeletionsCommand(Arcalctl root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    JsonNode answer = root.client().confirmDeletions();
    List<String> released = new ArrayList<>();
    answer.path("released").forEach(n -> released.add(n.asText()));
    if (released.isEmpty()) {
      root.out().println("No deletions were held.");
    } else {
      root.out().println("Released " + released.size() + " held deletion(s): " + String.join(", ", released));
    }
    root.out().flush();
    return 0;
  }
}
