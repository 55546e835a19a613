package com.arcal.emulator.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppHostsTest {
  @TempDir Path dir;

  private Object identity(Path file) throws IOException {
    return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
  }

  @Test
  void newNames_areAppendedToTheSameFile() throws IOException {
    AppHosts hosts = new AppHosts(dir.resolve(AppHosts.FILE_NAME));
    hosts.all(Map.of("sale-a", "127.1.0.1"));
    Object before = identity(hosts.file());

    hosts.changed(Map.of("sale-b", Optional.of("127.1.0.2")));

    assertThat(identity(hosts.file())).as("appended, not replaced").isEqualTo(before);
    assertThat(Files.readAllLines(hosts.file()))
        .endsWith("127.1.0.1 sale-a", "127.1.0.2 sale-b");
  }

  @Test
  void aNameRemovedOrMoved_replacesTheFileWhole() throws IOException {
    AppHosts hosts = new AppHosts(dir.resolve(AppHosts.FILE_NAME));
    hosts.all(Map.of("sale-a", "127.1.0.1", "sale-b", "127.1.0.2"));
    Object before = identity(hosts.file());

    Map<String, Optional<String>> changes = new LinkedHashMap<>();
    changes.put("sale-a", Optional.empty());
    changes.put("sale-b", Optional.of("127.1.0.9"));
    changes.put("sale-c", Optional.of("127.1.0.3"));
    hosts.changed(changes);

    assertThat(identity(hosts.file())).as("a new file, moved in at once").isNotEqualTo(before);
    assertThat(Files.readAllLines(hosts.file()))
        .filteredOn(line -> !line.startsWith("#"))
        .containsExactly("127.1.0.9 sale-b", "127.1.0.3 sale-c");
  }
}
