package com.arcal.emulator.names;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment's name service, as a file in the hosts(5) format: one line per app, its name
 * and the loopback address its ports listen on. In Azure, the apps of an environment reach each
 * other's TCP ports by app name ("Ingress in Azure Container Apps"); here the orchestrator reads
 * this file to do the same, which needs no root and changes nothing on the machine.
 *
 * <p>Rewritten whole, atomically (a reader never sees half a file), each time an app gets or
 * loses its address.
 */
public final class AppHosts {
  public static final String FILE_NAME = "hosts";

  private final Path file;

  public AppHosts(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** Writes the file for these apps (name to loopback address). */
  public synchronized void write(Map<String, String> addresses) {
    StringBuilder text =
        new StringBuilder("# app name -> loopback address, written by the Container Apps emulator\n");
    new TreeMap<>(addresses).forEach((name, ip) -> text.append(ip).append(' ').append(name).append('\n'));
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
