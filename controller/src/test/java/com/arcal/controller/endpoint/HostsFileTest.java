package com.arcal.controller.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostsFileTest {
  @TempDir Path dir;

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
    Path file = Files.writeString(dir.resolve("hosts"), "127.1.0.1 sale-a\n");
    HostsFile hosts = new HostsFile(file);
    assertThat(hosts.address("sale-a")).hasValue("127.1.0.1");

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
}
