package com.arcal.emulator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerRuntimesTest {

  @TempDir
  Path repo;

  private Path jarIn(Path dir) throws Exception {
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve("arcal-engine.jar"), "jar");
  }

  @Test
  void findEngineJar_searchesUpwardFromTheCodeLocation_ofARepositoryCheckout() throws Exception {
    Path jar = jarIn(repo.resolve("engine/target"));
    Path emulatorClasses = Files.createDirectories(repo.resolve("emulator/target/classes"));

    assertThat(ContainerRuntimes.findEngineJar(Map.of(), List.of(emulatorClasses))).contains(jar);
  }

  @Test
  void findEngineJar_findsAJarBesideAnInstalledEmulator() throws Exception {
    Path lib = Files.createDirectories(repo.resolve("opt/arcal/lib"));
    Path jar = jarIn(lib);

    assertThat(ContainerRuntimes.findEngineJar(Map.of(), List.of(lib.resolve("arcal-emulator.jar"))))
        .contains(jar);
  }

  @Test
  void findEngineJar_prefersTheEnvironmentOverride() throws Exception {
    jarIn(repo.resolve("engine/target"));
    Path other = jarIn(repo.resolve("elsewhere"));

    assertThat(ContainerRuntimes.findEngineJar(Map.of("EMULATOR_ENGINE_JAR", other.toString()),
        List.of(repo.resolve("emulator/target/classes")))).contains(other);
  }

  @Test
  void findEngineJar_failsLoudly_onAWrongOverride() {
    assertThatThrownBy(() -> ContainerRuntimes.findEngineJar(
        Map.of("EMULATOR_ENGINE_JAR", repo.resolve("none.jar").toString()), List.of(repo)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("none.jar");
  }

  @Test
  void engineCommand_withoutAJar_runsTheEngineFromTheClassPath() throws Exception {
    Path classes = Files.createDirectories(repo.resolve("emulator/target/classes"));

    assertThat(ContainerRuntimes.engineCommand(Map.of(), List.of(classes), "/a.jar:/b.jar"))
        .containsExactly(ContainerRuntimes.javaCommand(), "-cp", "/a.jar:/b.jar", "com.arcal.engine.Main");
  }

  @Test
  void findEngineJar_isEmptyWhenNothingIsAbove() throws Exception {
    Path classes = Files.createDirectories(repo.resolve("emulator/target/classes"));

    assertThat(ContainerRuntimes.findEngineJar(Map.of(), List.of(classes))).isEmpty();
  }

  @Test
  void javaCommand_isThisJvm() {
    assertThat(ContainerRuntimes.javaCommand()).isEqualTo(ProcessHandle.current().info().command().orElseThrow());
  }

  @Test
  void defaultEngineCommand_runsTheRepositorysJar_withThisJava() {
    List<String> command = TestEngine.command();

    assertThat(ContainerRuntimes.defaultEngineCommand()).isEqualTo(command);
    assertThat(command.get(2)).endsWith("engine/target/arcal-engine.jar");
  }
}
