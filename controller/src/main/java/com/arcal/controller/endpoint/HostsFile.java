package com.arcal.controller.endpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names to addresses from a file in the hosts(5) format: how the local platform routes app names
 * the way Azure's environment DNS does, without root and without touching the machine's own
 * resolver. A lookup costs a stat; the file is read again when its modification time, size or
 * identity changes.
 *
 * <p>The emulator appends a line for each new app and replaces the file when a name goes or
 * moves. So when the same file only grew (its last line read is still where it was), only the
 * new bytes are read: at 10,000 apps, parsing the whole file after each creation cost more than
 * the creations. A last line without its newline (an append in progress) waits for the next read.
 */
public final class HostsFile {
  /** Bytes before the end of what was read that must be unchanged for a growth to be an append. */
  private static final int TAIL = 128;
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final Path file;
  // All guarded by this.
  private final Map<String, String> addresses = new HashMap<>();
  private Object fileKey;
  private FileTime modified;
  private long size = -1;
  /** Bytes read: the end of the last complete line. */
  private long read;
  /** The bytes just before {@code read}, at most TAIL of them. */
  private byte[] tail = new byte[0];

  public HostsFile(Path file) {
    this.file = file;
  }

  public Path path() {
    return file;
  }

  /** The first address the file gives {@code name} (case-insensitive), empty when none. */
  public synchronized Optional<String> address(String name) {
    refresh();
    return Optional.ofNullable(addresses.get(name.toLowerCase(Locale.ROOT)));
  }

  private void refresh() {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      forget();
      return;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the hosts file " + file, e);
    }
    if (attributes.size() == size
        && attributes.lastModifiedTime().equals(modified)
        && Objects.equals(attributes.fileKey(), fileKey)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      if (!appendedTo(channel, attributes)) {
        forget();
      }
      readFrom(channel);
      fileKey = attributes.fileKey();
      modified = attributes.lastModifiedTime();
      size = attributes.size();
    } catch (NoSuchFileException e) {
      forget();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the hosts file " + file, e);
    }
  }

  /** The same file, grown, with the end of what was read still in place. */
  private boolean appendedTo(FileChannel channel, BasicFileAttributes attributes)
      throws IOException {
    if (fileKey == null || !fileKey.equals(attributes.fileKey()) || channel.size() < read) {
      return false;
    }
    return Arrays.equals(bytes(channel, read - tail.length, tail.length), tail);
  }

  /** Reads and parses the complete lines after {@code read}. */
  private void readFrom(FileChannel channel) throws IOException {
    long end = channel.size();
    byte[] fresh = bytes(channel, read, (int) Math.min(Integer.MAX_VALUE, end - read));
    int complete = lastNewline(fresh) + 1;
    if (complete == 0) {
      return;
    }
    parse(new String(fresh, 0, complete, StandardCharsets.UTF_8), addresses);
    read += complete;
    int keep = (int) Math.min(TAIL, read);
    tail =
        keep <= complete
            ? Arrays.copyOfRange(fresh, complete - keep, complete)
            : bytes(channel, read - keep, keep);
  }

  private static int lastNewline(byte[] bytes) {
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static byte[] bytes(FileChannel channel, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        break;
      }
    }
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  private void forget() {
    addresses.clear();
    fileKey = null;
    modified = null;
    size = -1;
    read = 0;
    tail = new byte[0];
  }

  /**
   * {@code address name [alias...]} per line, {@code #} to the end of a line is a comment; the
   * first line for a name wins.
   */
  private static void parse(String text, Map<String, String> addresses) {
    for (String raw : text.split("\n")) {
      int hash = raw.indexOf('#');
      String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] fields = WHITESPACE.split(line);
      for (int i = 1; i < fields.length; i++) {
        addresses.putIfAbsent(fields[i].toLowerCase(Locale.ROOT), fields[0]);
      }
    }
  }
}
