package com.arcal.controller.endpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Names to addresses from a file in the hosts(5) format: how the local platform routes app names
 * the way Azure's environment DNS does, without root and without touching the machine's own
 * resolver. The emulator rewrites the file (atomically) as apps come and go; it is read again
 * whenever its modification time or size changes, so a lookup costs a stat.
 */
public final class HostsFile {
  private final Path file;
  private Snapshot snapshot = new Snapshot(FileTime.fromMillis(-1), -1, Map.of());

  private record Snapshot(FileTime modified, long size, Map<String, String> addresses) {}

  public HostsFile(Path file) {
    this.file = file;
  }

  public Path path() {
    return file;
  }

  /** The first address the file gives {@code name} (case-insensitive), empty when none. */
  public Optional<String> address(String name) {
    return Optional.ofNullable(current().addresses().get(name.toLowerCase(Locale.ROOT)));
  }

  private synchronized Snapshot current() {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      long size = Files.size(file);
      if (!modified.equals(snapshot.modified()) || size != snapshot.size()) {
        snapshot = new Snapshot(modified, size, parse(Files.readString(file, StandardCharsets.UTF_8)));
      }
      return snapshot;
    } catch (NoSuchFileException e) {
      return new Snapshot(FileTime.fromMillis(-1), -1, Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the hosts file " + file, e);
    }
  }

  /** {@code address name [alias...]} per line, {@code #} to the end of a line is a comment. */
  static Map<String, String> parse(String text) {
    Map<String, String> addresses = new HashMap<>();
    for (String raw : text.split("\n")) {
      int hash = raw.indexOf('#');
      String[] fields = (hash >= 0 ? raw.substring(0, hash) : raw).trim().split("\\s+");
      for (int i = 1; i < fields.length; i++) {
        addresses.putIfAbsent(fields[i].toLowerCase(Locale.ROOT), fields[0]);
      }
    }
    return addresses;
  }
}
