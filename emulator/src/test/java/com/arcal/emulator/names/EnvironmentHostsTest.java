package com.arcal.emulator.names;

import static org.assertj.core.api.Assertions.assertThat;

import com.arcal.emulator.state.ArmState.Address;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each environment resolves its own apps' names only, as in Azure; {@code hosts} names them all. */
class EnvironmentHostsTest {
  private static final String ONE = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/one";
  private static final String TWO = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/two";

  @TempDir Path dir;

  private EnvironmentHosts hosts() {
    return new EnvironmentHosts(
        dir, id -> id.substring(id.lastIndexOf('/') + 1) + ".test", List.of("one.test", "two.test"));
  }

  private static List<String> names(Path file) throws IOException {
    return Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).toList();
  }

  @Test
  void anEnvironmentsFileExists_beforeAnyApp() throws IOException {
    EnvironmentHosts hosts = hosts();
    hosts.all(Map.of());

    assertThat(names(hosts.file("one.test"))).isEmpty();
    assertThat(names(hosts.file("two.test"))).isEmpty();
    assertThat(hosts.file("two.test")).isEqualTo(EnvironmentHosts.file(dir, "two.test"));
  }

  @Test
  void anAppsName_resolvesInItsOwnEnvironmentOnly() throws IOException {
    EnvironmentHosts hosts = hosts();
    hosts.all(Map.of("sale-a", new Address("127.1.0.1", ONE)));

    Map<String, Optional<Address>> changes = new LinkedHashMap<>();
    changes.put("sale-b", Optional.of(new Address("127.1.0.2", TWO)));
    changes.put("sale-c", Optional.of(new Address("127.1.0.3", ONE)));
    hosts.changed(changes);

    assertThat(names(hosts.file("one.test"))).containsExactly("127.1.0.1 sale-a", "127.1.0.3 sale-c");
    assertThat(names(hosts.file("two.test"))).containsExactly("127.1.0.2 sale-b");
    assertThat(names(hosts.file()))
        .containsExactlyInAnyOrder("127.1.0.1 sale-a", "127.1.0.2 sale-b", "127.1.0.3 sale-c");
  }

  @Test
  void aDeletedApp_leavesItsEnvironmentsFile_andANameRecreatedElsewhereMovesThere() throws IOException {
    EnvironmentHosts hosts = hosts();
    hosts.all(Map.of("sale-a", new Address("127.1.0.1", ONE), "sale-b", new Address("127.1.0.2", ONE)));

    hosts.changed(Map.of("sale-a", Optional.empty()));
    hosts.changed(Map.of("sale-b", Optional.of(new Address("127.1.0.9", TWO))));

    assertThat(names(hosts.file("one.test"))).isEmpty();
    assertThat(names(hosts.file("two.test"))).containsExactly("127.1.0.9 sale-b");
    assertThat(names(hosts.file())).containsExactly("127.1.0.9 sale-b");
  }
}
