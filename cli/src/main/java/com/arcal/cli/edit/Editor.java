package com.arcal.cli.edit;

import com.arcal.cli.CliException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The operator's editor: {@code $EDITOR}, else {@code $VISUAL}, else {@code vi}. The variable
 * may carry arguments ({@code "code --wait"}), so it runs through {@code sh} with the file as
 * its last argument, attached to this terminal.
 */
public final class Editor {
  private final Map<String, String> env;

  public Editor(Map<String, String> env) {
    this.env = env;
  }

  public String command() {
    for (String name : new String[] {"EDITOR", "VISUAL"}) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return "vi";
  }

  /** Opens the file and waits for the editor to exit; a failing editor is an error. */
  public void edit(Path file) {
    ProcessBuilder pb =
        new ProcessBuilder("sh", "-c", command() + " \"$1\"", "arcalctl-editor", file.toString())
            .inheritIO();
    pb.environment().putAll(env);
    int status;
    try {
      status = pb.start().waitFor();
    } catch (IOException e) {
      throw new CliException("cannot start the editor '" + command() + "': " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted while the editor was open", e);
    }
    if (status != 0) {
      throw new CliException("the editor '" + command() + "' exited with status " + status
          + "; nothing was applied; the file is kept at " + file);
    }
  }
}
