package com.arcal.api.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code Main} as a process: a setting that only the Azure environment shows to be wrong
 * stops start-up like any other bad setting, with one line naming the variable and exit code 2.
 */
class StartupRefusalIT {
  @TempDir Path dir;
  private EmulatedEnvironments azure;

  @BeforeEach
  void start() {
    azure = new EmulatedEnvironments(dir.resolve("emulator"));
  }

  @AfterEach
  void stop() {
    azure.close();
  }

  @Test
  void anOrchestratorOutsideItsEnvironment_exitsWith2AndOneLine() throws Exception {
    Map<String, String> env = azure.azureEnv(EmulatedEnvironments.GROUP);
    env.remove("CONTAINER_APP_ENV_DNS_SUFFIX");

    Run run = runMain(env);

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.stderr().stream().filter(l -> l.startsWith("arcal-orchestrator:")))
        .singleElement()
        .satisfies(line -> assertThat(line)
            .startsWith("arcal-orchestrator: CONTAINER_APP_ENV_DNS_SUFFIX: not set")
            .contains("run the orchestrator as a container app in that environment"));
  }

  @Test
  void theLocalEngineImageOnAzure_exitsWith2AndOneLine() throws Exception {
    Map<String, String> env = azure.azureEnv(EmulatedEnvironments.GROUP);
    env.remove("ARCAL_ARM_ENDPOINT");

    Run run = runMain(env);

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.stderr())
        .containsExactly(
            "arcal-orchestrator: ARCAL_ENGINE_IMAGE: arcal/engine:local is the local reference"
                + " engine, which Azure cannot pull: set the engine image pushed to your registry"
                + " (e.g. myregistry.azurecr.io/arcal-engine:1.0)");
  }

  private record Run(int exit, List<String> stderr) {}

  private Run runMain(Map<String, String> env) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "com.arcal.api.Main")
            .directory(dir.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().put("ARCAL_HTTP_PORT", "0");
    builder.environment().put("ARCAL_STATE_FILE", dir.resolve("desired-state.json").toString());
    Process process = builder.start();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process ended").isTrue();
    return new Run(process.exitValue(), Arrays.asList(stderr.strip().split("\n")));
  }
}
