package com.arcal.cli.command;

import com.arcal.cli.CliException;
import com.arcal.cli.api.ApiError;
import com.arcal.cli.api.Document;
import com.arcal.cli.api.ETag;
import com.arcal.cli.edit.Editor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code arcalctl edit}: the current desired state in {@code $EDITOR}; once saved, validated and
 * planned by the server, the changes shown, and applied only if nobody changed the desired state
 * meanwhile ({@code If-Match}). When the edit cannot be applied the edited file is kept and its
 * path printed, so that no work is lost.
 */
@Command(name = "edit", mixinStandardHelpOptions = true,
    description = "Edit the desired state in $EDITOR; validates, shows the changes, applies with If-Match.")
final class EditCommand implements Callable<Integer> {
  private final Arcalctl root;

  EditCommand(Arcalctl root) {
    this.root = root;
  }

  @Override
  public Integer call() throws IOException {
    Document current = root.client().desiredState();
    Path file = Files.createTempFile("arcalctl-edit-", ".json");
    Files.write(file, current.bytes());
    new Editor(root.context().env()).edit(file);
    byte[] edited = Files.readAllBytes(file);
    if (Arrays.equals(edited, current.bytes())) {
      Files.deleteIfExists(file);
      root.out().println("Edit cancelled: no changes made.");
      root.out().flush();
      return 0;
    }
    try {
      Preview.of(root, current, edited, current.etag()).print(root.out(), root.palette());
      Document after = root.client().replace(edited, current.etag());
      Files.deleteIfExists(file);
      root.out().println("Applied: the desired state is now version " + after.version() + ".");
      root.out().flush();
      return 0;
    } catch (ApiError e) {
      root.out().flush();
      throw e.isConflict() ? conflict(e, current, file) : kept(e, current, file);
    }
  }

  /** Someone else changed the desired state after it was read: nothing was applied. */
  private static CliException conflict(ApiError e, Document base, Path file) {
    String now = e.etag().map(ETag::version).orElse("a newer one");
    return new CliException(String.join(System.lineSeparator(),
        "the desired state changed while you were editing (you started from version " + base.version()
            + ", it is now " + now + "), so nothing was applied.",
        "Your edit is kept in " + file,
        "  compare it with the new state:  arcalctl diff -f " + file,
        "  apply it over the new state:    arcalctl apply -f " + file), e);
  }

  /** The server refused the edit (invalid document, no token...): keep it for a retry. */
  private static CliException kept(ApiError e, Document base, Path file) {
    return new CliException(e.getMessage() + System.lineSeparator()
        + "Nothing was applied; your edit is kept in " + file + System.lineSeparator()
        + "  fix it, then:  arcalctl apply -f " + file + " --if-match " + base.version(), e);
  }
}
