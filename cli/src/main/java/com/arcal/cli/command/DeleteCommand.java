package com.arcal.cli.command;

import com.arcal.cli.CliException;
import com.arcal.cli.api.ApiResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code arcalctl delete <id> [--wait[=60s]]}: no longer desires a sale. */
@Command(name = "delete", mixinStandardHelpOptions = true,
    description = "Stop desiring a sale; with --wait, wait until its app is gone.")
final class DeleteCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID", description = "The sale id, e.g. vente-01.")
  String id;

  @Option(names = "--wait", paramLabel = "DURATION", arity = "0..1", fallbackValue = "60s",
      converter = DurationConverter.class,
      description = "Wait until the sale is gone, up to DURATION (default 60s; at most 5m).")
  Duration wait = Duration.ZERO;

  private final Arcalctl root;

  DeleteCommand(Arcalctl root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    ApiResponse response = root.client().delete(id, wait);
    if (response.status() == 200) {
      root.out().println("sale/" + id + " deleted");
    } else if (wait.isZero()) {
      root.out().println("sale/" + id + " deleting (the controller removes its app; --wait waits for it)");
    } else {
      throw new CliException("sale/" + id + " is still being deleted after " + wait.toSeconds()
          + "s; arcalctl describe sale " + id + " says why (a deletion may be held: arcalctl confirm-deletions)");
    }
    root.out().flush();
    return 0;
  }
}
