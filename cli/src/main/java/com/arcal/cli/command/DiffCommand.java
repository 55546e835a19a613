package com.arcal.cli.command;

import com.arcal.cli.api.Document;
import com.arcal.cli.api.ETag;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code arcalctl diff -f FILE}: what applying the file would change and what the controller
 * would then do, without writing anything.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "Show what applying a file would change, and the controller's plan; writes nothing.")
final class DiffCommand implements Callable<Integer> {
  @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE",
      description = "The desired-state document (JSON).")
  Path file;

  @Option(names = "--if-match", paramLabel = "ETAG",
      description = "Fail if the desired state is no longer at this version.")
  String ifMatch;

  private final Arcalctl root;

  DiffCommand(Arcalctl root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    byte[] proposed = DocumentFile.read(file);
    Document current = root.client().desiredState();
    String etag = ifMatch != null ? ETag.quoted(ifMatch) : current.etag();
    root.out().println("Against version " + current.version() + ":");
    Preview.of(root, current, proposed, etag).print(root.out(), root.palette());
    return 0;
  }
}
