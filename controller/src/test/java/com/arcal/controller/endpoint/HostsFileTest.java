package com.arcal.controller.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostsFileTest {
  @TempDir Path dir;

  /** Writes {@code file} naming sale-a, and reads it once through a new HostsFile. */
  private static HostsFile readNamingSaleA(Path file) throws IOException {
    Files.writeString(file, "127.1.0.1 sale-a\n");
    HostsFile hosts = new HostsFile(file);
    assertThat(hosts.address("sale-a")).hasValue("127.1.0.1");
    return hosts;
  }

  @Test
  void namesAndAliases_resolve_commentsAndBlankLinesDoNot() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("hosts"),
            "# written by the emulator\n\n127.1.0.1 sale-a  alias-a # trailing\n127.1.0.2\tSale-B\n");
    HostsFile hosts = new HostsFile(file);

    assertThat(hosts.address("sale-a")).hasValue("127.1.0.1");
    assertThat(hosts.address("alias-a")).hasValue("127.1.0.1");
    assertThat(hosts.address("SALE-b")).as("names are case-insensitive").hasValue("127.1.0.2");
    assertThat(hosts.address("written")).isEmpty();
    assertThat(hosts.address("sale-c")).isEmpty();
  }

  @Test
  void theFirstLineForANameWins() throws IOException {
    Path file = Files.writeString(dir.resolve("hosts"), "127.1.0.1 sale-a\n127.1.0.9 sale-a\n");

    assertThat(new HostsFile(file).address("sale-a")).hasValue("127.1.0.1");
  }

  @Test
  void aRewrittenFile_isReadAgain() throws IOException {
    Path file = dir.resolve("hosts");
    HostsFile hosts = readNamingSaleA(file);

    Files.writeString(file, "127.1.0.7 sale-a\n");
    // Same size: the new modification time alone must tell the reader.
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

    assertThat(hosts.address("sale-a")).hasValue("127.1.0.7");
  }

  @Test
  void aMissingFile_resolvesNothing_untilItAppears() throws IOException {
    HostsFile hosts = new HostsFile(dir.resolve("hosts"));
    assertThat(hosts.address("sale-a")).isEmpty();

    Files.writeString(dir.resolve("hosts"), "127.1.0.1 sale-a\n");

    assertThat(hosts.address("sale-a")).hasValue("127.1.0.1");
  }

  @Test
  void linesAppendedToTheSameFile_areRead_andAHalfWrittenLastLineWaits() throws IOException {
    Path file = dir.resolve("hosts");
    HostsFile hosts = readNamingSaleA(file);

    Files.writeString(file, "127.1.0.2 sale-b\n127.1.0.3 sale-", StandardOpenOption.APPEND);
    assertThat(hosts.address("sale-b")).hasValue("127.1.0.2");
    assertThat(hosts.address("sale-")).as("a line still being written").isEmpty();

    Files.writeString(file, "c\n", StandardOpenOption.APPEND);
    assertThat(hosts.address("sale-c")).hasValue("127.1.0.3");
    assertThat(hosts.address("sale-")).isEmpty();
    assertThat(hosts.address("sale-a")).hasValue("127.1.0.1");
  }

  @Test
  void aFileReplacedByALongerOne_isReadWhole_notAsAnAppend() throws IOException {
    Path file = dir.resolve("hosts");
    HostsFile hosts = readNamingSaleA(file);

    Path next = Files.writeString(dir.resolve("hosts.tmp"), "127.1.0.2 sale-b\n127.1.0.3 sale-c\n");
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

    assertThat(hosts.address("sale-a")).as("gone with the old file").isEmpty();
    assertThat(hosts.address("sale-c")).hasValue("127.1.0.3");
  }

  @Test
  void aFileRewrittenInPlace_longer_isReadWhole() throws IOException {
    Path file = dir.resolve("hosts");
    HostsFile hosts = readNamingSaleA(file);

    Files.writeString(file, "127.1.0.9 sale-a\n127.1.0.3 sale-c\n");

    assertThat(hosts.address("sale-a")).hasValue("127.1.0.9");
    assertThat(hosts.address("sale-c")).hasValue("127.1.0.3");
  }
}
