package com.arcal.cli.command;

import com.arcal.cli.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a desired-state document given with {@code -f}. */
final class DocumentFile {
  private DocumentFile() {}

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e);
    }
  }
}
