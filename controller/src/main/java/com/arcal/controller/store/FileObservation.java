package com.arcal.controller.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What the store found at its path on one look: the bytes of a regular file, nothing, or why the
 * path cannot be read. {@link #signature} tells two looks apart, so a reload of identical bytes
 * (or of the same fault) does nothing.
 */
record FileObservation(byte[] bytes, boolean missing, String fault) {

  static FileObservation look(Path file, long maxBytes) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (attributes.isDirectory()) {
        return fault(file + " is a directory, not a desired-state file");
      }
      if (!attributes.isRegularFile()) {
        // A FIFO or device would block or never end; refuse it rather than read it.
        return fault(file + " is not a regular file");
      }
      if (attributes.size() > maxBytes) {
        return fault(file + " is " + attributes.size() + " bytes; the limit is " + maxBytes);
      }
      return new FileObservation(Files.readAllBytes(file), false, null);
    } catch (NoSuchFileException e) {
      return new FileObservation(null, true, null);
    } catch (IOException e) {
      return fault("cannot read " + file + ": " + reason(e));
    }
  }

  String signature() {
    if (missing) {
      return "missing";
    }
    return fault != null ? "fault:" + fault : "bytes:" + DesiredStateCodec.version(bytes);
  }

  /** The plain-words reason of an I/O failure ("Permission denied", "Read-only file system"). */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    String kind = e.getClass().getSimpleName().replace("Exception", "");
    return e.getMessage() == null ? kind : kind + " (" + e.getMessage() + ")";
  }

  private static FileObservation fault(String message) {
    return new FileObservation(null, false, message);
  }
}
