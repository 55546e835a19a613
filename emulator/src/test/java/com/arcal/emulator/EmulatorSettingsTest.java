package com.arcal.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arcal.emulator.runtime.RuntimeSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmulatorSettingsTest {

  @Test
  void fromEnv_defaults() {
    EmulatorSettings s = EmulatorSettings.fromEnv(Map.of());

    assertThat(s.httpsPort()).isEqualTo(8443);
    assertThat(s.httpPort()).isEqualTo(8081);
    assertThat(s.host()).isEqualTo("127.0.0.1");
    assertThat(s.dataDir().isAbsolute()).isTrue();
    assertThat(s.dataDir().getFileName()).hasToString("emulator-data");
    assertThat(s.resourceGroups()).containsExactly("arcal-local");
    assertThat(s.pageSize()).isEqualTo(100);
    assertThat(s.runtime().mode()).isEqualTo(RuntimeSettings.Mode.PROCESS);
    assertThat(s.runtime().imageCommands().get("arcal/engine:local"))
        .hasSize(3)
        .satisfies(cmd -> assertThat(cmd.get(2)).endsWith("arcal-engine.jar"));
  }

  @Test
  void fromEnv_readsEveryVariable(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    String jar = java.nio.file.Files.createFile(dir.resolve("arcal-engine.jar")).toString();
    EmulatorSettings s =
        EmulatorSettings.fromEnv(
            Map.of(
                "EMULATOR_HTTPS_PORT", "0",
                "EMULATOR_HTTP_PORT", "-1",
                "EMULATOR_RESOURCE_GROUPS", "rg-a, rg-b",
                "EMULATOR_PROVISIONING_DELAY_MS", "13000",
                "EMULATOR_DELETION_DELAY_MS", "0",
                "EMULATOR_PAGE_SIZE", "7",
                "EMULATOR_RUNTIME", "inprocess",
                "EMULATOR_ENGINE_JAR", jar));

    assertThat(s.httpPort()).isEqualTo(-1);
    assertThat(s.resourceGroups()).containsExactly("rg-a", "rg-b");
    assertThat(s.provisioningDelay()).isEqualTo(Duration.ofSeconds(13));
    assertThat(s.deletionDelay()).isZero();
    assertThat(s.pageSize()).isEqualTo(7);
    assertThat(s.runtime().mode()).isEqualTo(RuntimeSettings.Mode.IN_PROCESS);
    assertThat(s.runtime().imageCommands().get("arcal/engine:local"))
        .last()
        .isEqualTo(jar);
  }

  @Test
  void builder_startsFromTheEmbeddedDefaults_andChangesOnlyWhatIsSet(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    EmulatorSettings defaults = EmulatorSettings.defaults(dir);
    EmulatorSettings slow =
        EmulatorSettings.builder(dir).delays(Duration.ofMinutes(1), Duration.ZERO).build();

    assertThat(defaults.httpsPort()).isZero();
    assertThat(defaults.httpPort()).isEqualTo(-1);
    assertThat(defaults.resourceGroups()).containsExactly("arcal-local");
    assertThat(defaults.provisioningDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(defaults.runtime().mode()).isEqualTo(RuntimeSettings.Mode.PROCESS);
    assertThat(slow.provisioningDelay()).isEqualTo(Duration.ofMinutes(1));
    assertThat(slow.deletionDelay()).isZero();
    assertThat(slow)
        .usingRecursiveComparison()
        .ignoringFields("provisioningDelay", "deletionDelay")
        .isEqualTo(defaults);
  }

  @Test
  void fromEnv_badValue_failsWithOneLineNamingTheVariable() {
    for (Map.Entry<String, String> bad :
        List.of(
            Map.entry("EMULATOR_HTTPS_PORT", "https"),
            Map.entry("EMULATOR_HTTP_PORT", "70000"),
            Map.entry("EMULATOR_PAGE_SIZE", "0"),
            Map.entry("EMULATOR_PROVISIONING_DELAY_MS", "-5"),
            Map.entry("EMULATOR_RESOURCE_GROUPS", "a,,b"),
            Map.entry("EMULATOR_RUNTIME", "docker"),
            Map.entry("EMULATOR_ENVIRONMENTS", "env-a,Env_B"),
            Map.entry("EMULATOR_ENVIRONMENTS", "env-a,env-a"),
            Map.entry("EMULATOR_ENVIRONMENT_CORES", "0"))) {
      assertThatThrownBy(() -> EmulatorSettings.fromEnv(Map.of(bad.getKey(), bad.getValue())))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(bad.getKey() + " must be")
          .hasMessageContaining(bad.getValue())
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void fromEnv_environmentsAndTheirCores() {
    EmulatorSettings defaults = EmulatorSettings.fromEnv(Map.of());
    EmulatorSettings s =
        EmulatorSettings.fromEnv(
            Map.of("EMULATOR_ENVIRONMENTS", "env-a, env-b", "EMULATOR_ENVIRONMENT_CORES", "2000"));

    assertThat(EmulatorSettings.fromEnv(Map.of("EMULATOR_RUNTIME", "shared")).runtime().mode())
        .isEqualTo(RuntimeSettings.Mode.SHARED);
    assertThat(defaults.environments()).containsExactly("arcal-env");
    assertThat(defaults.environmentCores()).isEqualTo(100);
    assertThat(s.environments()).containsExactly("env-a", "env-b");
    assertThat(s.environmentCores()).isEqualTo(2000);
  }
}
