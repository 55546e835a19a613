package com.arcal.emulator.names;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A name service as a file in the hosts(5) format: one line per app, its name and the loopback
 * address its ports listen on. In Azure, the apps of an environment reach each other's TCP ports
 * by app name ("Ingress in Azure Container Apps"); here the orchestrator reads such a file to do
 * the same, which needs no root and changes nothing on the machine. {@link EnvironmentHosts}
 * keeps one per environment, as Azure scopes the names, and one naming every app.
 *
 * <p>New names are appended, each line in one write, so a creation costs one short write whatever
 * the number of apps (rewriting the whole file for each of 10,000 creations was the emulator's
 * largest cost in the scale bench). A name removed or moved rewrites the file whole, atomically:
 * a reader sees the old file or the new one, and at worst the last line of an append in progress,
 * without its newline (readers skip such a line).
 */
public final class AppHosts {
  public static final String FILE_NAME = "hosts";
  private static final String HEADER =
      "# app name -> loopback address, written by the Container Apps emulator\n";

  private final Path file;
  /** What the file says, by name. Guarded by this. */
  private final Map<String, String> written = new TreeMap<>();

  public AppHosts(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** Writes the file for these apps (name to loopback address). */
  public synchronized void all(Map<String, String> addresses) {
    written.clear();
    written.putAll(addresses);
    rewrite();
  }

  /** Names given an address, or ({@code Optional.empty()}) no longer resolved, in order. */
  public synchronized void changed(Map<String, Optional<String>> changes) {
    boolean onlyNewNames =
        changes.entrySet().stream()
            .allMatch(c -> c.getValue().isPresent() && !written.containsKey(c.getKey()));
    changes.forEach(
        (name, address) ->
            address.ifPresentOrElse(ip -> written.put(name, ip), () -> written.remove(name)));
    if (onlyNewNames) {
      StringBuilder lines = new StringBuilder();
      changes.forEach((name, address) -> line(lines, name, address.orElseThrow()));
      write(lines);
    } else {
      rewrite();
    }
  }

  private static void line(StringBuilder text, String name, String ip) {
    text.append(ip).append(' ').append(name).append('\n');
  }

  private void write(StringBuilder lines) {
    try {
      Files.writeString(
          file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the apps' hosts file " + file, e);
    }
  }

  private void rewrite() {
    StringBuilder text = new StringBuilder(HEADER);
    written.forEach((name, ip) -> line(text, name, ip));
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the apps' hosts file " + file, e);
    }
  }
}
