package com.arcal.cli.command;

import com.arcal.cli.api.Document;
import com.arcal.cli.api.ETag;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code arcalctl apply -f FILE [--if-match ETAG]}: replaces the desired state with the file,
 * conditional on a version: the one given, or else the one current when apply starts. The plan
 * is printed before the write.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
    description = "Replace the desired state with a file (conditional on its version); prints the plan first.")
final class ApplyCommand implements Callable<Integer> {
  @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE",
      description = "The desired-state document (JSON, the format of desired-state.json).")
  Path file;

  @Option(names = "--if-match", paramLabel = "ETAG",
      description = "Apply only if the desired state is still at this version (default: the current one).")
  String ifMatch;

  private final Arcalctl root;

  ApplyCommand(Arcalctl root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    byte[] proposed = DocumentFile.read(file);
    Document current = root.client().desiredState();
    String etag = ifMatch != null ? ETag.quoted(ifMatch) : current.etag();
    Preview.of(root, current, proposed, etag).print(root.out(), root.palette());
    Document after = root.client().replace(proposed, etag);
    root.out().println("Applied: the desired state is now version " + after.version() + ".");
    root.out().flush();
    return 0;
  }
}
