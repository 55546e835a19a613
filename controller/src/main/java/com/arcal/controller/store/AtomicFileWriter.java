package com.arcal.controller.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a file so that readers see either the old bytes or the new ones, never a mix: write a
 * temp file in the same folder, fsync it, rename it over the target, fsync the folder. On any
 * failure the temp file is removed and the target is untouched.
 *
 * <p>The protected steps are the seam for fault injection in tests (a full disk fails inside
 * {@link #writeFully}, a read-only folder in {@link #openTemp}): tests run as root, and root
 * ignores file permissions, so a real read-only folder cannot be produced portably.
 */
class AtomicFileWriter {
  private static final Logger log = LoggerFactory.getLogger(AtomicFileWriter.class);

  /**
   * Replaces {@code target} with {@code bytes}, calling {@code beforeMove} once the temp file is
   * durable, just before the rename: a check that throws there leaves the target untouched.
   */
  void write(Path target, byte[] bytes, Runnable beforeMove) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = dir.resolve(tempPrefix(target) + UUID.randomUUID() + ".tmp");
    try {
      try (FileChannel channel = openTemp(temp)) {
        writeFully(channel, ByteBuffer.wrap(bytes));
        channel.force(true);
      }
      copyPermissions(target, temp);
      beforeMove.run();
      move(temp, target);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    forceDirectory(dir);
  }

  /** Removes temp files left by a process killed in the middle of a write. */
  void removeLeftovers(Path target) {
    Path dir = target.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, tempPrefix(target) + "*.tmp")) {
      for (Path temp : temps) {
        Files.deleteIfExists(temp);
        log.info("removed {} left by an interrupted write", temp);
      }
    } catch (IOException e) {
      log.warn("could not clean temp files of {}: {}", target, e.toString());
    }
  }

  protected FileChannel openTemp(Path temp) throws IOException {
    return FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  protected void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  protected void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Makes the rename itself durable; some platforms cannot open a folder, which is fine. */
  protected void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      log.debug("cannot fsync folder {}: {}", dir, e.toString());
    }
  }

  static String tempPrefix(Path target) {
    return "." + target.getFileName() + ".";
  }

  /** An operator's file keeps its permissions across our rewrites. */
  private static void copyPermissions(Path from, Path to) {
    PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
    if (source == null || !Files.isRegularFile(from)) {
      return;
    }
    try {
      Files.setPosixFilePermissions(to, source.readAttributes().permissions());
    } catch (IOException e) {
      // Best effort: the content matters more than its mode.
      log.debug("cannot copy permissions of {}: {}", from, e.toString());
    }
  }
}
