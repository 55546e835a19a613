package com.arcal.emulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessLauncherTest {

  @Test
  void environment_addsPortsAndBindHost_overTheTemplates() {
    ContainerSpec spec = new ContainerSpec("shop", "shop--r1", "img", "127.1.0.9",
        Map.of("PORT", "1", "SALE", "x"), List.of(3000, 50051));

    assertThat(ProcessLauncher.environment(spec)).isEqualTo(
        Map.of("PORT", "3000", "GRPC_PORT", "50051", "BIND_HOST", "127.1.0.9", "SALE", "x"));
  }

  @Test
  void environment_withoutPorts_onlyBindsTheHost() {
    ContainerSpec spec = new ContainerSpec("shop", "shop--r1", "img", "127.1.0.9", Map.of(), List.of());

    assertThat(ProcessLauncher.environment(spec)).isEqualTo(Map.of("BIND_HOST", "127.1.0.9"));
  }

  @Test
  void refusesImageCommandsThatCannotCarryTheMarker() {
    assertThatThrownBy(() -> new ProcessLauncher(Map.of("img", List.of("node", "server.js")),
        new ProcessMarker(Path.of("/d")), Path.of("/d/logs"), Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("img");
  }

  @Test
  void logFile_isOnePerApp_andStaysInTheLogFolder() {
    ProcessLauncher launcher = new ProcessLauncher(Map.of(), new ProcessMarker(Path.of("/d")), Path.of("/d/logs"),
        Clock.systemUTC());

    assertThat(launcher.logFile("shop")).isEqualTo(Path.of("/d/logs/shop.log"));
    assertThat(launcher.logFile("../../etc/x")).hasParentRaw(Path.of("/d/logs"));
  }

  @Test
  void exitReason_namesTheSignal() {
    assertThat(ProcessContainer.exitReason(137)).isEqualTo("Exit code 137 (killed by signal 9)");
    assertThat(ProcessContainer.exitReason(1)).isEqualTo("Exit code 1");
  }
}
